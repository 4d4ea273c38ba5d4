// Voice Intelligence v2 transcripts (Transcript and its Sentences subresource): one transcript
// per recording, reported queued → in-progress → completed over
// SandboxOptions::transcript_delay_ms (or failed, by fault injection). Its "transcription" is the
// script the simulator stored with the recording, unredacted. A second transcript of a recording
// is refused with 409 / 20409 until the first is deleted: Twilio refuses it too, but its error
// code is not documented.
#pragma once

#include "twilio/sandbox/handler.h"

namespace converza::twilio::sandbox {

// POST /v2/Transcripts (form: ServiceSid, Channel = JSON naming the recording by
// media_properties.source_sid or a sandbox media_url, CustomerKey) → 202, queued.
http::Response CreateTranscript(const Sandbox& sandbox, http::Request& req);
// GET /v2/Transcripts[?SourceSid=&PageSize=], newest first, one page.
http::Response ListTranscripts(const Sandbox& sandbox, http::Request& req);
// /v2/Transcripts/GT…: GET, DELETE.
http::Response GetTranscript(const Sandbox& sandbox, http::Request& req);
http::Response DeleteTranscript(const Sandbox& sandbox, http::Request& req);
// GET /v2/Transcripts/GT…/Sentences[?PageSize=&Page=&PageToken=&WordTimestamps=true]: empty
// until the transcript is completed; paged by meta.next_page_url.
http::Response ListSentences(const Sandbox& sandbox, http::Request& req);

}  // namespace converza::twilio::sandbox

// Recordings (the 2010-04-01 Recording resource): metadata, and the audio with HTTP Range as
// Twilio's media server serves it, optionally late (404 for a while, as right after the
// recording webhook) or through a redirect to a storage host that takes a presigned link and
// refuses credentials, as S3 does. `.mp3` answers 404 on purpose (no MP3 encoder; ask for
// .wav). Recordings come from the call simulator through a sandbox-only endpoint, with the
// script Voice Intelligence will "transcribe".
#pragma once

#include "twilio/sandbox/handler.h"

namespace converza::twilio::sandbox {

// GET …/Recordings.json[?CallSid=], newest first, paged.
http::Response ListRecordings(const Sandbox& sandbox, http::Request& req);
// GET …/Recordings/RE…[.json|.wav|.mp3]: metadata or audio.
http::Response GetRecording(const Sandbox& sandbox, http::Request& req);
// GET /sandbox-storage/RE….wav?token=: the storage host media redirects to (no Basic auth).
http::Response GetStoredMedia(const Sandbox& sandbox, http::Request& req);
// Sandbox-only, not Twilio: POST /sandbox/v1/Recordings, JSON {recording_sid?, call_sid,
// duration, start_time, audio_kind, sentences:[{channel,start,end,text,confidence}],
// audio_base64} → 201 with the recording.
http::Response AddRecording(const Sandbox& sandbox, http::Request& req);

}  // namespace converza::twilio::sandbox

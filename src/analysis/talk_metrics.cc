#include "analysis/talk_metrics.h"

#include <algorithm>
#include <utility>

#include "analysis/tokens.h"

namespace converza::analysis {
namespace {

// Total length of the union of [start, end) intervals.
long UnionLength(std::vector<std::pair<long, long>> iv) {
  std::sort(iv.begin(), iv.end());
  long total = 0, cur_b = 0, cur_e = -1;
  bool open = false;
  for (auto [b, e] : iv) {
    if (e <= b) continue;
    if (!open || b > cur_e) {
      if (open) total += cur_e - cur_b;
      cur_b = b;
      cur_e = e;
      open = true;
    } else {
      cur_e = std::max(cur_e, e);
    }
  }
  if (open) total += cur_e - cur_b;
  return total;
}

}  // namespace

TalkMetrics ComputeTalkMetrics(const std::vector<Turn>& turns) {
  TalkMetrics m;
  if (turns.empty()) return m;
  std::vector<std::pair<long, long>> agent, customer, all;
  long first = turns.front().start_ms, last = turns.front().end_ms;
  int agent_words = 0, customer_words = 0;
  for (const Turn& t : turns) {
    first = std::min<long>(first, t.start_ms);
    last = std::max<long>(last, t.end_ms);
    (t.speaker == Speaker::kAgent ? agent : customer).emplace_back(t.start_ms, t.end_ms);
    all.emplace_back(t.start_ms, t.end_ms);
    (t.speaker == Speaker::kAgent ? agent_words : customer_words) += CountWords(t.text);
  }
  m.duration_ms = last - first;
  m.agent_ms = UnionLength(agent);
  m.customer_ms = UnionLength(customer);
  m.talk_listen_ratio =
      m.customer_ms > 0 ? static_cast<double>(m.agent_ms) / static_cast<double>(m.customer_ms) : 0;
  if (m.duration_ms > 0) {
    m.silence_share =
        std::clamp(1.0 - static_cast<double>(UnionLength(all)) / m.duration_ms, 0.0, 1.0);
  }
  if (m.agent_ms > 0) m.agent_wpm = agent_words * 60000.0 / m.agent_ms;
  if (m.customer_ms > 0) m.customer_wpm = customer_words * 60000.0 / m.customer_ms;

  // Turns in time order; a monologue is a run of one speaker's turns.
  std::vector<const Turn*> order;
  for (const Turn& t : turns) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(),
                   [](const Turn* a, const Turn* b) { return a->start_ms < b->start_ms; });
  std::size_t i = 0;
  while (i < order.size()) {
    std::size_t j = i;
    long end = order[i]->end_ms;
    while (j + 1 < order.size() && order[j + 1]->speaker == order[i]->speaker) {
      ++j;
      end = std::max<long>(end, order[j]->end_ms);
    }
    long len = end - order[i]->start_ms;
    if (len > m.longest_monologue_ms) {
      m.longest_monologue_ms = len;
      m.longest_monologue_speaker = order[i]->speaker;
      m.longest_monologue_start_ms = order[i]->start_ms;
    }
    i = j + 1;
  }
  // Interruptions: a turn starting well before the latest other-speaker turn has ended.
  long other_end[2] = {-1, -1};
  for (const Turn* t : order) {
    int me = t->speaker == Speaker::kAgent ? 0 : 1;
    if (other_end[1 - me] - t->start_ms >= kInterruptionOverlapMs &&
        CountWords(t->text) >= kInterruptionMinWords) {
      ++m.interruptions;
    }
    other_end[me] = std::max<long>(other_end[me], t->end_ms);
  }
  return m;
}

}  // namespace converza::analysis

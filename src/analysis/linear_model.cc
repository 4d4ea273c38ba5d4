#include "analysis/linear_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>
#include <random>

namespace converza::analysis {
namespace {

constexpr std::string_view kHeader = "# converza linear model v1; classes:";

std::vector<double> Softmax(std::vector<double> s) {
  const double top = *std::max_element(s.begin(), s.end());
  double sum = 0;
  for (double& x : s) sum += (x = std::exp(x - top));
  for (double& x : s) x /= sum;
  return s;
}

}  // namespace

std::vector<Feature> Coalesced(std::vector<Feature> features) {
  // One pass with a small open-addressing index into the output (first occurrence order), since
  // a sort of a call's thousands of features costs more than the lookups it saves.
  std::size_t slots = 16;
  while (slots < 2 * features.size()) slots *= 2;
  std::vector<std::uint32_t> index(slots, 0);  // output position + 1; 0 = empty
  std::size_t out = 0;
  for (std::size_t i = 0; i < features.size(); ++i) {
    const Feature f = features[i];
    std::size_t s = f.id & (slots - 1);
    while (index[s] != 0 && features[index[s] - 1].id != f.id) s = (s + 1) & (slots - 1);
    if (index[s] != 0) {
      features[index[s] - 1].value += f.value;
    } else {
      features[out] = f;
      index[s] = static_cast<std::uint32_t>(++out);
    }
  }
  features.resize(out);
  return features;
}

LinearModel LinearModel::FromRows(std::vector<std::string> classes, const Rows& rows) {
  LinearModel m;
  m.classes_ = std::move(classes);
  const std::size_t k = m.classes_.size();
  std::size_t slots = 16;
  while (slots < 2 * rows.size()) slots *= 2;
  m.ids_.assign(slots, 0);
  m.used_.assign(slots, 0);
  m.weights_.assign(slots * k, 0.0f);
  for (const auto& [id, row] : rows) {
    std::size_t i = id & (slots - 1);
    while (m.used_[i]) i = (i + 1) & (slots - 1);
    m.ids_[i] = id;
    m.used_[i] = 1;
    std::copy_n(row.begin(), std::min(k, row.size()),
                m.weights_.begin() + static_cast<std::ptrdiff_t>(i * k));
  }
  m.size_ = rows.size();
  return m;
}

const float* LinearModel::Find(std::uint32_t id) const {
  if (ids_.empty()) return nullptr;
  const std::size_t mask = ids_.size() - 1;
  for (std::size_t i = id & mask; used_[i]; i = (i + 1) & mask) {
    if (ids_[i] == id) return &weights_[i * classes_.size()];
  }
  return nullptr;
}

Result<LinearModel> LinearModel::Parse(std::string_view text) {
  std::vector<std::string> classes;
  Rows rows;
  int line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty()) continue;
    auto bad = [&](const char* why) {
      return Status::InvalidArgument("model line " + std::to_string(line_no) + ": " + why);
    };
    if (line_no == 1) {
      if (line.substr(0, kHeader.size()) != kHeader) return bad("not a converza linear model");
      std::string_view rest = line.substr(kHeader.size());
      while (!rest.empty()) {
        const auto sp = rest.find(' ');
        if (sp != 0) classes.emplace_back(rest.substr(0, sp));
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      if (classes.size() < 2) return bad("fewer than two classes");
      continue;
    }
    std::vector<float> row;
    std::uint32_t id = 0;
    const char* p = line.data();
    const char* end = line.data() + line.size();
    auto r = std::from_chars(p, end, id);
    if (r.ec != std::errc()) return bad("no feature id");
    p = r.ptr;
    while (p < end) {
      if (*p != '\t') return bad("expected a tab");
      float w = 0;
      auto fr = std::from_chars(p + 1, end, w);
      if (fr.ec != std::errc()) return bad("bad weight");
      row.push_back(w);
      p = fr.ptr;
    }
    if (row.size() != classes.size()) return bad("wrong number of weights");
    rows[id] = std::move(row);
  }
  if (classes.empty()) return Status::InvalidArgument("model: empty");
  return FromRows(std::move(classes), rows);
}

LinearModel LinearModel::Train(const std::vector<std::pair<std::vector<Feature>, int>>& examples,
                               const std::vector<std::string>& classes,
                               const TrainOptions& options) {
  Rows rows;
  const std::size_t k = classes.size();
  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(options.seed);
  std::unordered_map<std::uint32_t, int> seen;
  if (options.min_count > 1) {
    for (const auto& example : examples) {
      std::vector<std::uint32_t> ids;
      for (const Feature& f : example.first) ids.push_back(f.id);
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      for (std::uint32_t id : ids) ++seen[id];
    }
  }
  auto rare = [&](std::uint32_t id) {
    if (options.min_count <= 1) return false;
    auto it = seen.find(id);
    return it == seen.end() || it->second < options.min_count;
  };
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      const auto& [features, label] = examples[i];
      std::vector<double> scores(k, 0.0);
      for (const Feature& f : features) {
        auto it = rows.find(f.id);
        if (it == rows.end()) continue;
        for (std::size_t c = 0; c < k; ++c) scores[c] += it->second[c] * f.value;
      }
      const std::vector<double> p = Softmax(std::move(scores));
      for (const Feature& f : features) {
        if (rare(f.id)) continue;
        auto& row = rows[f.id];
        row.resize(k);
        for (std::size_t c = 0; c < k; ++c) {
          const double g = p[c] - (static_cast<int>(c) == label ? 1.0 : 0.0);
          row[c] -= static_cast<float>(options.learning_rate * (g * f.value + options.l2 * row[c]));
        }
      }
    }
  }
  return FromRows(classes, rows);
}

std::string LinearModel::Serialize() const {
  std::string out(kHeader);
  for (const auto& c : classes_) out += " " + c;
  out += "\n";
  // Sorted by id, so a retrained model diffs line by line.
  const std::size_t k = classes_.size();
  std::map<std::uint32_t, const float*> sorted;
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    const float* row = &weights_[i * k];
    if (used_[i] && std::any_of(row, row + k, [](float w) { return std::fabs(w) >= 1e-4f; })) {
      sorted.emplace(ids_[i], row);
    }
  }
  char buf[32];
  for (const auto& [id, row] : sorted) {
    out += std::to_string(id);
    for (const float* w = row; w != row + k; ++w) {
      std::snprintf(buf, sizeof buf, "\t%.4g", static_cast<double>(*w));
      out += buf;
    }
    out += "\n";
  }
  return out;
}

LinearModel LinearModel::Shipped(std::string_view name, std::string_view text,
                                 const std::vector<std::string>& classes) {
  auto m = Parse(text);
  if (!m.ok()) {
    std::fprintf(stderr, "%.*s model: %s\n", static_cast<int>(name.size()), name.data(),
                 m.status().message().c_str());
    std::abort();
  }
  if (m->classes() != classes) {
    std::fprintf(stderr, "%.*s model: unexpected classes\n", static_cast<int>(name.size()),
                 name.data());
    std::abort();
  }
  return std::move(*m);
}

double LinearModel::Weight(std::uint32_t id, std::size_t cls) const {
  const float* row = Find(id);
  return row == nullptr || cls >= classes_.size() ? 0.0 : row[cls];
}

std::vector<double> LinearModel::Push(const std::vector<Feature>& features,
                                      const std::vector<std::size_t>& group_of, std::size_t groups,
                                      std::size_t toward, std::size_t against) const {
  std::vector<double> push(groups, 0.0);
  for (std::size_t f = 0; f < features.size() && f < group_of.size(); ++f) {
    if (group_of[f] >= groups) continue;
    push[group_of[f]] +=
        features[f].value * (Weight(features[f].id, toward) - Weight(features[f].id, against));
  }
  return push;
}

std::vector<double> LinearModel::Scores(const std::vector<Feature>& features) const {
  std::vector<double> s(classes_.size(), 0.0);
  for (const Feature& f : features) {
    const float* row = Find(f.id);
    if (row == nullptr) continue;
    for (std::size_t c = 0; c < s.size(); ++c) s[c] += row[c] * f.value;
  }
  return s;
}

std::size_t LinearModel::MostLikely(const std::vector<double>& probabilities) {
  return static_cast<std::size_t>(std::max_element(probabilities.begin(), probabilities.end()) -
                                  probabilities.begin());
}

std::vector<double> LinearModel::Probabilities(const std::vector<Feature>& features) const {
  return Softmax(Scores(features));
}

bool RefinedVerdict(const LinearModel& model, const std::vector<Feature>& features,
                    double* probability) {
  const std::vector<double> p = model.Probabilities(features);
  const bool rules = features.size() > 1 && features[1].value > 0;
  bool yes = LinearModel::MostLikely(p) == 1;
  if (yes != rules) {
    double words = 0;  // the call's own push toward yes
    for (std::size_t i = 2; i < features.size(); ++i) {
      words +=
          features[i].value * (model.Weight(features[i].id, 1) - model.Weight(features[i].id, 0));
    }
    if (yes ? words <= 0 : words >= 0) yes = rules;
  }
  if (probability) *probability = p[yes ? 1 : 0];
  return yes;
}

std::size_t CarryingTurn(const LinearModel& model, const std::vector<Feature>& features,
                         const std::vector<std::size_t>& turn_of, const std::vector<bool>& eligible,
                         std::size_t toward, bool alone) {
  const std::size_t against = 1 - toward;
  const std::vector<double> push = model.Push(features, turn_of, eligible.size(), toward, against);
  double needed = 0;  // what the bias and the rules' verdict hold against `toward`
  for (std::size_t f = 0; f < 2 && f < features.size(); ++f) {
    needed -= features[f].value *
              (model.Weight(features[f].id, toward) - model.Weight(features[f].id, against));
  }
  std::size_t best = static_cast<std::size_t>(-1);
  double top = alone ? std::max(needed, 0.0) : 0.0;
  for (std::size_t i = 0; i < eligible.size(); ++i) {
    if (eligible[i] && push[i] > top) top = push[i], best = i;
  }
  return best;
}

}  // namespace converza::analysis

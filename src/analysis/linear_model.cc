#include "analysis/linear_model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numeric>
#include <random>

namespace converza::analysis {
namespace {

constexpr std::string_view kHeader = "# converza linear model v1; classes:";

void Mix(std::uint32_t& h, std::string_view s) {
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
}

std::vector<double> Softmax(std::vector<double> s) {
  const double top = *std::max_element(s.begin(), s.end());
  double sum = 0;
  for (double& x : s) sum += (x = std::exp(x - top));
  for (double& x : s) x /= sum;
  return s;
}

}  // namespace

std::uint32_t FeatureId(std::string_view prefix, std::string_view word, std::string_view word2) {
  std::uint32_t h = 2166136261u;
  Mix(h, prefix);
  Mix(h, "\x1f");
  Mix(h, word);
  if (!word2.empty()) {
    Mix(h, "\x1f");
    Mix(h, word2);
  }
  return h;
}

Result<LinearModel> LinearModel::Parse(std::string_view text) {
  LinearModel m;
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
        if (sp != 0) m.classes_.emplace_back(rest.substr(0, sp));
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      if (m.classes_.size() < 2) return bad("fewer than two classes");
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
    if (row.size() != m.classes_.size()) return bad("wrong number of weights");
    m.rows_[id] = std::move(row);
  }
  if (m.classes_.empty()) return Status::InvalidArgument("model: empty");
  return m;
}

LinearModel LinearModel::Train(const std::vector<std::pair<std::vector<Feature>, int>>& examples,
                               const std::vector<std::string>& classes,
                               const TrainOptions& options) {
  LinearModel m;
  m.classes_ = classes;
  const std::size_t k = classes.size();
  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(options.seed);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      const auto& [features, label] = examples[i];
      const std::vector<double> p = Softmax(m.Scores(features));
      for (const Feature& f : features) {
        auto& row = m.rows_[f.id];
        row.resize(k);
        for (std::size_t c = 0; c < k; ++c) {
          const double g = p[c] - (static_cast<int>(c) == label ? 1.0 : 0.0);
          row[c] -= static_cast<float>(options.learning_rate * (g * f.value + options.l2 * row[c]));
        }
      }
    }
  }
  return m;
}

std::string LinearModel::Serialize() const {
  std::string out(kHeader);
  for (const auto& c : classes_) out += " " + c;
  out += "\n";
  // Sorted by id, so a retrained model diffs line by line.
  std::map<std::uint32_t, const std::vector<float>*> sorted;
  for (const auto& [id, row] : rows_) {
    if (std::any_of(row.begin(), row.end(), [](float w) { return std::fabs(w) >= 1e-4f; })) {
      sorted.emplace(id, &row);
    }
  }
  char buf[32];
  for (const auto& [id, row] : sorted) {
    out += std::to_string(id);
    for (float w : *row) {
      std::snprintf(buf, sizeof buf, "\t%.4g", static_cast<double>(w));
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
  auto it = rows_.find(id);
  return it == rows_.end() || cls >= it->second.size() ? 0.0 : it->second[cls];
}

std::vector<double> LinearModel::Scores(const std::vector<Feature>& features) const {
  std::vector<double> s(classes_.size(), 0.0);
  for (const Feature& f : features) {
    auto it = rows_.find(f.id);
    if (it == rows_.end() || it->second.size() != s.size()) continue;
    for (std::size_t c = 0; c < s.size(); ++c) s[c] += it->second[c] * f.value;
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

}  // namespace converza::analysis

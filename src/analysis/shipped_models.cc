#include "analysis/shipped_models.h"

#include "analysis/conversion_model.h"
#include "analysis/script_model.h"
#include "analysis/sentiment_model.h"
#include "analysis/upsell_model.h"

namespace converza::analysis {
namespace {

// Arrays, not string_views: a constexpr length of texts this long exceeds GCC's limit.
constexpr char kSentimentWeights[] =
#include "analysis/models/sentiment_weights.inc"
    ;
constexpr char kConvertedWeights[] =
#include "analysis/models/converted_weights.inc"
    ;
constexpr char kScriptWeights[] =
#include "analysis/models/script_weights.inc"
    ;
constexpr char kUpsellWeights[] =
#include "analysis/models/upsell_weights.inc"
    ;

template <std::size_t N>
LinearModel Load(const char* name, const char (&text)[N], const std::vector<std::string>& classes) {
  return LinearModel::Shipped(name, {text, N - 1}, classes);
}

}  // namespace

const LinearModel& Shipped(ShippedModel which) {
  switch (which) {
    case ShippedModel::kSentiment: {
      static const LinearModel kModel = Load("sentiment", kSentimentWeights, kSentimentClasses);
      return kModel;
    }
    case ShippedModel::kConverted: {
      static const LinearModel kModel = Load("converted", kConvertedWeights, kConvertedClasses);
      return kModel;
    }
    case ShippedModel::kScript: {
      static const LinearModel kModel = Load("script", kScriptWeights, kScriptClasses);
      return kModel;
    }
    case ShippedModel::kUpsell: {
      static const LinearModel kModel = Load("upsell", kUpsellWeights, kUpsellClasses);
      return kModel;
    }
  }
  __builtin_unreachable();
}

}  // namespace converza::analysis

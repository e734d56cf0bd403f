#include "core/suggest.hpp"

#include <algorithm>
#include <cstdint>

#include "core/messages.hpp"

namespace samsvar {

namespace {
std::vector<std::uint32_t> codePoints(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = 0;
    for (std::size_t k = 0; k < len && i + k < s.size(); ++k)
      cp = (cp << 8) | static_cast<unsigned char>(s[i + k]);
    out.push_back(cp);
    i += len;
  }
  return out;
}
}  // namespace

std::size_t editDistance(const std::string& a, const std::string& b) {
  auto x = codePoints(a), y = codePoints(b);
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::optional<std::string> closestName(const std::string& name,
                                       const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t bestDist = 0;
  // A misspelling: one edit in a short word, two in a longer one, a third of
  // a long name.
  const std::size_t length = codePoints(name).size();
  const std::size_t limit = length < 4 ? 1 : std::max<std::size_t>(2, length / 3);
  for (const auto& c : candidates) {
    std::size_t d = editDistance(name, c);
    if (d > 0 && d <= limit && (!best || d < bestDist || (d == bestDist && c < *best))) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

std::optional<Bilingual> didYouMean(const std::string& name, const std::vector<std::string>& candidates) {
  auto c = closestName(name, candidates);
  if (!c) return std::nullopt;
  return phrase(Phrase::didYouMean, {{"name", *c}});
}

Bilingual nameHelp(const std::string& name, const std::vector<std::string>& candidates) {
  if (auto d = didYouMean(name, candidates)) return *d;
  // A list longer than this is not read; the vocabulary is searched instead.
  constexpr std::size_t kListable = 60;
  if (!candidates.empty() && candidates.size() <= kListable)
    return phrase(Phrase::validNames, {{"names", quotedNames(candidates)}});
  return phrase(Phrase::searchVocabulary, {{"name", name}});
}

}  // namespace samsvar

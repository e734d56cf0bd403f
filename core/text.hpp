// User-facing text in both output languages. Every sentence samsvar shows a
// user exists in Norwegian Bokmål and English.
#pragma once

#include <string>

namespace samsvar {

/// Output language of user-facing text.
enum class Lang { nb, en };

/// A user-facing text in Norwegian Bokmål and English.
struct Bilingual {
  std::string nb;
  std::string en;
  const std::string& in(Lang l) const { return l == Lang::nb ? nb : en; }
};

}  // namespace samsvar

// User-facing text in both output languages. Every sentence samsvar shows a
// user exists in Norwegian Bokmål and English.
#pragma once

#include <string>
#include <string_view>

namespace samsvar {

/// Output language of user-facing text.
enum class Lang { nb, en };

/// A user-facing text in Norwegian Bokmål and English.
struct Bilingual {
  std::string nb;
  std::string en;
  const std::string& in(Lang l) const { return l == Lang::nb ? nb : en; }
};

/// `text` with every control character made visible, so text from a file
/// (a title, a reason, a file name) cannot move the cursor, erase lines or
/// write the clipboard of the terminal it is shown in. C0 controls become
/// their Unicode control pictures (U+2400…, one column wide, so underlines
/// stay aligned), DEL becomes U+2421 and C1 controls U+FFFD. Line feeds are
/// kept when `keepNewlines`; tabs are always kept.
std::string escapeControls(std::string_view text, bool keepNewlines = false);

}  // namespace samsvar

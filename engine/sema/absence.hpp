// Explicit absence: a reference attribute declared `none` (docs/language.md).
#pragma once

#include <cstdint>

namespace samsvar::model {

/// The value of a reference attribute declared `none`: no instance is named
/// (`owner = none`). Reading an attribute through it makes a `when` false and
/// a `require` fail (lowering's defined(), the evaluator's readsNone()).
inline constexpr std::int64_t kNoInstance = -1;

}  // namespace samsvar::model

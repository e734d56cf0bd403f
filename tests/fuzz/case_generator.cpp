#include "case_generator.hpp"

#include <vector>

namespace samsvar::fuzz {

unsigned Choices::pick(unsigned n) {
  if (n <= 1) return 0;
  if (data_) {
    if (at_ >= size_) return 0;
    unsigned v = data_[at_++];
    if (n > 256 && at_ < size_) v = (v << 8) | data_[at_++];
    return v % n;
  }
  seed_ ^= seed_ << 13;
  seed_ ^= seed_ >> 7;
  seed_ ^= seed_ << 17;
  return static_cast<unsigned>(seed_ % n);
}

namespace {

const char* kColors[] = {"red", "green", "blue"};
const char* kLevels[] = {"low", "mid", "high"};
const char* kCompare[] = {"==", "!=", "<", "<=", ">", ">="};
const char* kStrength[] = {"må", "skal", "bør", "kan"};

const char* kModule = R"(module fz "fuzz"
enum Color { red, green, blue }
enum Lvl ordered { low, mid, high }
type Item {
  flag: bool
  n: int
  d: date
  e: date
  c: Color
  l: Lvl
  tags: set<Color>
  parts: set<Item>
  ref: Item
}
)";

class Gen {
 public:
  explicit Gen(Choices& c) : c_(c) {}

  std::string date() {
    static const char* dates[] = {"2024-01-31", "2024-02-29", "2024-03-01", "2024-12-31", "2025-01-01", "2023-06-15"};
    return dates[c_.pick(6)];
  }
  std::string smallInt() { return std::to_string(static_cast<int>(c_.pick(9)) - 3); }

  /// A boolean expression about the item variable `v` (and `w`, when bound).
  std::string boolean(const std::string& v, int depth, const std::string& w = "") {
    const std::string x = !w.empty() && c_.chance(30) ? w : v;
    unsigned k = c_.pick(depth > 0 ? 14 : 9);
    switch (k) {
      case 0: return x + ".flag";
      case 1: return x + ".n " + kCompare[c_.pick(6)] + " " + smallInt();
      case 2: return x + ".d " + kCompare[c_.pick(6)] + " " + date();
      case 3: return x + ".e - " + x + ".d >= " + std::to_string(c_.pick(8)) + " weeks";
      case 4: return x + ".c == " + kColors[c_.pick(3)];
      case 5: return x + ".l " + kCompare[c_.pick(6)] + " " + kLevels[c_.pick(3)];
      case 6: return std::string(kColors[c_.pick(3)]) + (c_.chance(50) ? " in " : " not in ") + x + ".tags";
      case 7: return "count(" + x + ".tags) " + kCompare[c_.pick(6)] + " " + std::to_string(c_.pick(4));
      case 8: return x + ".d + " + std::to_string(c_.pick(3)) + " months " + kCompare[c_.pick(6)] + " " + x + ".e";
      case 9: return "not (" + boolean(v, depth - 1, w) + ")";
      case 10: return "(" + boolean(v, depth - 1, w) + " and " + boolean(v, depth - 1, w) + ")";
      case 11: return "(" + boolean(v, depth - 1, w) + " or " + boolean(v, depth - 1, w) + ")";
      case 12: return "(" + boolean(v, depth - 1, w) + " implies " + boolean(v, depth - 1, w) + ")";
      default: {
        std::string q = "q" + std::to_string(depth);
        return std::string("(") + (c_.chance(50) ? "exists " : "forall ") + q + " in " + x + ".parts: " +
               boolean(q, depth - 1, v) + ")";
      }
    }
  }

  std::string rule(unsigned i) {
    std::string s = "rule R-" + std::to_string(i) + " " + kStrength[c_.pick(4)] + "\n";
    s += "  title nb \"regel " + std::to_string(i) + "\" en \"rule " + std::to_string(i) + "\"\n";
    s += "  source \"fuzz\"\n";
    bool pair = c_.chance(30);
    s += pair ? "  for x: Item, y in x.parts\n" : "  for x: Item\n";
    if (c_.chance(50)) s += "  when " + boolean("x", 1, pair ? "y" : "") + "\n";
    s += "  require " + boolean("x", 2, pair ? "y" : "") + "\n";
    return s;
  }

  std::string instance(unsigned i, unsigned count) {
    auto name = [](unsigned k) { return "i" + std::to_string(k); };
    std::string s = name(i) + ": Item {";
    if (c_.chance(60)) s += std::string(" flag = ") + (c_.chance(50) ? "true" : "false");
    if (c_.chance(60)) s += " n = " + smallInt();
    if (c_.chance(60)) s += " d = " + date();
    if (c_.chance(50)) s += " e = " + date();
    if (c_.chance(60)) s += std::string(" c = ") + kColors[c_.pick(3)];
    if (c_.chance(60)) s += std::string(" l = ") + kLevels[c_.pick(3)];
    if (c_.chance(60)) {
      s += " tags = {";
      std::string sep = " ";
      for (unsigned k = 0; k < 3; ++k)
        if (c_.chance(40)) {
          s += sep + kColors[k];
          sep = ", ";
        }
      s += sep != " " && c_.chance(30) ? ", ... }" : " }";
    }
    if (c_.chance(50)) {
      s += " parts = {";
      std::string sep = " ";
      for (unsigned k = 0; k < count; ++k)
        if (k != i && c_.chance(35)) {
          s += sep + name(k);
          sep = ", ";
        }
      s += sep != " " && c_.chance(30) ? ", ... }" : " }";
    }
    if (c_.chance(40)) s += " ref = " + name(c_.pick(count));
    return s + " }\n";
  }

 private:
  Choices& c_;
};

}  // namespace

Generated generate(Choices& c, unsigned rules, unsigned instances) {
  Gen g(c);
  Generated out;
  out.module = kModule;
  unsigned nRules = 1 + c.pick(rules);
  for (unsigned i = 0; i < nRules; ++i) out.module += g.rule(i);
  out.kase = "case \"fuzz\" uses fz\n";
  unsigned nInstances = 1 + c.pick(instances);
  for (unsigned i = 0; i < nInstances; ++i) out.kase += g.instance(i, nInstances);
  return out;
}

}  // namespace samsvar::fuzz

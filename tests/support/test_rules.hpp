// A small rule module shared by the engine tests.
#pragma once

namespace samsvar::testing {

inline constexpr const char* kTestModule = R"(module t "test module"
enum Level ordered { veileder, retningslinje, anbefalt, obligatorisk }
enum Kind { innspillsrunde, hoering }
type Consultation { kind: Kind  opens: date  closes: date  open_to_all: bool  note: text }
type Product { level: Level  consultations: set<Consultation>  effects: bool  groups: set<Kind> }

rule H-6W må
  title nb "Høringen varer minst seks uker" en "A hearing lasts at least six weeks"
  message nb "Høringen {c} er kortere enn seks uker." en "The hearing {c} is shorter than six weeks."
  source "003_ed962d9d9fcdcebc.txt" section "4.1.4" quote "ikke mindre enn seks uker"
  for p: Product, c in p.consultations
  when c.kind == hoering
  require c.closes - c.opens >= 6 weeks

rule H-3M skal
  title nb "Høringen varer normalt tre måneder" en "A hearing normally lasts three months"
  source "003_ed962d9d9fcdcebc.txt" section "4.1.4"
  for p: Product, c in p.consultations
  when c.kind == hoering
  require c.closes >= c.opens + 3 months or c.note != ""

rule H-ANB skal
  title nb "Anbefalt standard krever høring" en "A recommended standard needs a hearing"
  source "003_ed962d9d9fcdcebc.txt" section "4.1.4"
  for p: Product
  when p.level == anbefalt
  require exists c in p.consultations: c.kind == hoering

rule H-OPEN bør
  title nb "Høringen er åpen for alle" en "The hearing is open to everyone"
  source "003_ed962d9d9fcdcebc.txt"
  for c: Consultation
  require c.open_to_all

rule K-1 kan
  title nb "Vurder høring" en "Consider a hearing"
  source "003_ed962d9d9fcdcebc.txt"
  for p: Product
  when p.effects
  require exists c in p.consultations: c.kind == hoering
)";

}  // namespace samsvar::testing

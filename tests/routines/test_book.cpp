// The routine panel's command logic (routines/book.h): every edit gives the routine it should
// and is on disk at once (a fresh store reads it back); a refused save changes nothing; a bad
// file in the store is reported, never written over, and the others stay usable.
#include <catch2/catch.hpp>

#include "routine_support.h"
#include "routines/book.h"

namespace {

using namespace sv::routines;
using namespace sv::routines::test;

RoutineEntry entry(const char* stretch, EntrySide side = EntrySide::Right,
                   const char* technique = "static") {
  RoutineEntry e;
  e.stretch = stretch;
  e.side = side;
  e.technique = technique;
  return e;
}

// What a fresh store reads from disk for routine `id`.
Routine onDisk(const Store& store, const std::string& id) {
  const StoreLoad l = store.load(&library());
  INFO((l.errors.empty() ? std::string() : l.errors.front()));
  const Routine* r = l.routine(id);
  REQUIRE(r != nullptr);
  return *r;
}

std::vector<std::string> stretchesOf(const Routine& r) {
  std::vector<std::string> out;
  for (const RoutineEntry& e : r.entries) out.push_back(e.stretch);
  return out;
}

}  // namespace

TEST_CASE("book: create a client and a routine, add, reorder, remove — each saved at once") {
  const auto root = scratch("book-edits");
  Store store(root);
  RoutineBook book(store, &library());
  CHECK(book.routine() == nullptr);
  CHECK_FALSE(book.addEntry(entry("hamstrings-supine-straight-leg")).ok());  // no routine yet

  auto clientId = book.createClient("  Sam Rivera ");
  REQUIRE(clientId.ok());
  CHECK(*clientId == "sam-rivera");
  REQUIRE(book.client() != nullptr);
  CHECK(book.client()->name == "Sam Rivera");
  CHECK(fs::exists(store.clientPath("sam-rivera")));

  auto routineId = book.createRoutine("After a run");
  REQUIRE(routineId.ok());
  CHECK(*routineId == "after-a-run");
  REQUIRE(book.routine() != nullptr);
  CHECK(book.routine()->client == "sam-rivera");  // a new routine belongs to the chosen client
  CHECK(onDisk(store, "after-a-run").client == "sam-rivera");

  REQUIRE(book.addEntry(entry("hamstrings-supine-straight-leg", EntrySide::Left)).ok());
  REQUIRE(book.addEntry(entry("quadriceps-prone-rectus-femoris")).ok());
  REQUIRE(book.addEntry(entry("hamstrings-supine-straight-leg", EntrySide::Right, "contract_relax"))
              .ok());
  CHECK(stretchesOf(onDisk(store, "after-a-run")) ==
        std::vector<std::string>{"hamstrings-supine-straight-leg",
                                 "quadriceps-prone-rectus-femoris",
                                 "hamstrings-supine-straight-leg"});
  CHECK(onDisk(store, "after-a-run").entries[0].side == EntrySide::Left);
  CHECK(onDisk(store, "after-a-run").entries[2].technique == "contract_relax");

  // Last to first: the others keep their order.
  REQUIRE(book.moveEntry(2, 0).ok());
  Routine r = onDisk(store, "after-a-run");
  CHECK(r.entries[0].technique == "contract_relax");
  CHECK(r.entries[1].side == EntrySide::Left);
  CHECK(r.entries[2].stretch == "quadriceps-prone-rectus-femoris");
  REQUIRE(book.moveEntry(0, 1).ok());
  r = onDisk(store, "after-a-run");
  CHECK(r.entries[0].side == EntrySide::Left);
  CHECK(r.entries[1].technique == "contract_relax");
  CHECK_FALSE(book.moveEntry(0, 3).ok());

  REQUIRE(book.removeEntry(1).ok());
  r = onDisk(store, "after-a-run");
  REQUIRE(r.entries.size() == 2);
  CHECK(r.entries[0].side == EntrySide::Left);
  CHECK(r.entries[1].stretch == "quadriceps-prone-rectus-femoris");
  CHECK_FALSE(book.removeEntry(2).ok());
  CHECK(*book.routine() == r);  // what the panel shows is what is on disk

  REQUIRE(book.setSide(1, EntrySide::Both).ok());
  CHECK(onDisk(store, "after-a-run").entries[1].side == EntrySide::Both);

  REQUIRE(book.renameRoutine("After a long run").ok());
  r = onDisk(store, "after-a-run");
  CHECK(r.name == "After a long run");
  CHECK(r.id == "after-a-run");  // the file stays
  CHECK_FALSE(book.renameRoutine("   ").ok());

  // An unknown stretch or technique is refused before anything is written.
  CHECK_FALSE(book.addEntry(entry("no-such-stretch")).ok());
  CHECK_FALSE(
      book.addEntry(entry("hamstrings-supine-straight-leg", EntrySide::Right, "yoga")).ok());
  CHECK(onDisk(store, "after-a-run").entries.size() == 2);
}

TEST_CASE("book: a dose edit is saved with its hold, repetitions, sets and notes") {
  const auto root = scratch("book-dose");
  Store store(root);
  RoutineBook book(store, &library());
  REQUIRE(book.createRoutine("Calves").ok());
  REQUIRE(book.addEntry(entry("hamstrings-supine-straight-leg")).ok());
  DoseEdit d;
  d.holdSeconds = 45.0f;
  d.repetitions = 3;
  d.sets = {4, Period::Week};
  d.notes = "Slowly, \"no bouncing\".";
  REQUIRE(book.setDose(0, d).ok());
  const Routine r = onDisk(store, "calves");
  CHECK(doseOf(r.entries[0]) == d);
  const auto eff = effectiveDose(r.entries[0], *library().find("hamstrings-supine-straight-leg"));
  REQUIRE(eff.has_value());
  CHECK(describeDose(*eff).find("45") != std::string::npos);

  // Back to the technique's own hold and repetitions.
  d.holdSeconds.reset();
  d.repetitions.reset();
  REQUIRE(book.setDose(0, d).ok());
  CHECK_FALSE(onDisk(store, "calves").entries[0].holdSeconds.has_value());
  CHECK_FALSE(onDisk(store, "calves").entries[0].repetitions.has_value());

  // Outside the format's limits: refused, nothing changes.
  const Routine before = onDisk(store, "calves");
  for (DoseEdit bad : {DoseEdit{4.0f, std::nullopt, {}, ""}, DoseEdit{std::nullopt, 11, {}, ""},
                       DoseEdit{std::nullopt, std::nullopt, {11, Period::Day}, ""},
                       DoseEdit{std::nullopt, std::nullopt, {22, Period::Week}, ""}}) {
    CHECK_FALSE(book.setDose(0, bad).ok());
  }
  CHECK(onDisk(store, "calves") == before);
  CHECK(*book.routine() == before);
  CHECK_FALSE(book.setDose(1, d).ok());
}

TEST_CASE("book: choosing a client sets the routine's client; choosing a routine its client") {
  const auto root = scratch("book-choose");
  Store store(root);
  RoutineBook book(store, &library());
  REQUIRE(book.createClient("Ana").ok());
  REQUIRE(book.createClient("Ben").ok());
  REQUIRE(book.createRoutine("Morning").ok());  // Ben's (chosen last)
  CHECK(onDisk(store, "morning").client == "ben");
  REQUIRE(book.chooseClient("ana").ok());
  CHECK(onDisk(store, "morning").client == "ana");
  REQUIRE(book.chooseClient("").ok());
  CHECK(onDisk(store, "morning").client.empty());
  CHECK_FALSE(book.chooseClient("nobody").ok());
  REQUIRE(book.chooseClient("ben").ok());
  REQUIRE(book.createRoutine("Evening").ok());
  REQUIRE(book.chooseRoutine("morning").ok());
  CHECK(book.client()->id == "ben");
  CHECK_FALSE(book.chooseRoutine("no-such-routine").ok());
  // A second routine of the same name gets a file of its own.
  auto again = book.createRoutine("Morning");
  REQUIRE(again.ok());
  CHECK(*again == "morning-2");
  CHECK(book.routines().size() == 3);
}

TEST_CASE("book: a bad file is reported, never written over, and the others stay usable") {
  const auto root = scratch("book-bad-file");
  Store store(root);
  {
    RoutineBook book(store, &library());
    REQUIRE(book.createRoutine("Good").ok());
    REQUIRE(book.addEntry(entry("hamstrings-supine-straight-leg")).ok());
  }
  const std::string broken = "{\"format\": \"stretchviz-routine\", \"version\": 1,\n  \"id\": ";
  writeText(store.routinePath("broken"), broken);
  RoutineBook book(store, &library());
  REQUIRE(book.problems().size() >= 1);
  CHECK(book.problems().front().find("broken.json:") != std::string::npos);
  CHECK(book.routines().size() == 1);
  CHECK_FALSE(book.chooseRoutine("broken").ok());
  REQUIRE(book.chooseRoutine("good").ok());
  REQUIRE(book.addEntry(entry("quadriceps-prone-rectus-femoris")).ok());
  CHECK(onDisk(store, "good").entries.size() == 2);
  CHECK(readText(store.routinePath("broken")) == broken);
  // A new routine named like the bad file gets another file.
  auto id = book.createRoutine("Broken");
  REQUIRE(id.ok());
  CHECK(*id == "broken-2");
  CHECK(readText(store.routinePath("broken")) == broken);
}

TEST_CASE("book: a save the store refuses leaves the book as it was") {
  const auto root = scratch("book-refused");
  Store store(root);
  RoutineBook book(store, &library());
  REQUIRE(book.createRoutine("Legs").ok());
  REQUIRE(book.addEntry(entry("hamstrings-supine-straight-leg")).ok());
  const Routine before = *book.routine();
  // The file is damaged behind the program's back (a hand edit in progress): the store will
  // not write over it, and the book keeps what it had.
  writeText(store.routinePath("legs"), "{ half-typed");
  const auto st = book.addEntry(entry("quadriceps-prone-rectus-femoris"));
  REQUIRE_FALSE(st.ok());
  CHECK(*book.routine() == before);
  CHECK(readText(store.routinePath("legs")) == "{ half-typed");
}

TEST_CASE("book: names are trimmed, one line, at most 80 bytes") {
  CHECK(*cleanName("  Sam\tRivera\n") == "Sam Rivera");
  CHECK_FALSE(cleanName("").ok());
  CHECK_FALSE(cleanName(" \n ").ok());
  CHECK(cleanName(std::string(80, 'a')).ok());
  CHECK_FALSE(cleanName(std::string(81, 'a')).ok());
}

TEST_CASE("book: the chosen client's name and notes are saved, the rest of the file kept") {
  const auto root = scratch("book-client-details");
  Store store(root);
  RoutineBook book(store, &library());
  CHECK_FALSE(book.setClientDetails("Sam", "").ok());  // no client chosen
  REQUIRE(book.createClient("Sam Rivera").ok());
  // A body and a measurement written by another tool: the panel's edit must keep them.
  Client full = *book.client();
  full.body.height = 1.62f;
  full.flexibility = sv::stretches::Flexibility::Stiff;
  full.measurements.push_back(
      {sv::anatomy::Motion::HipFlexion, sv::anatomy::Side::Right, 70.0f, "2024-03-01", "", ""});
  REQUIRE(store.saveClient(full).ok());
  book.reload();
  REQUIRE(book.chooseClient("sam-rivera").ok());

  REQUIRE(book.setClientDetails("  Sam Rivera-Okafor ", "Left knee: no deep flexion.\nRuns 3×/week")
              .ok());
  CHECK(book.client()->name == "Sam Rivera-Okafor");
  const StoreLoad l = Store(root).load(&library());
  const Client* disk = l.client("sam-rivera");  // the id (and file) stay
  REQUIRE(disk != nullptr);
  CHECK(disk->name == "Sam Rivera-Okafor");
  CHECK(disk->notes == "Left knee: no deep flexion.\nRuns 3×/week");
  CHECK(disk->body.height == Approx(1.62f));
  CHECK(disk->flexibility == sv::stretches::Flexibility::Stiff);
  CHECK(disk->measurements == full.measurements);

  // Bad input is refused with the reason, and nothing changes.
  const Client before = *book.client();
  CHECK_FALSE(book.setClientDetails("   ", "x").ok());
  const sv::Status longNotes =
      book.setClientDetails("Sam", std::string(kMaxClientNotesBytes + 1, 'n'));
  REQUIRE_FALSE(longNotes.ok());
  CHECK(longNotes.error().message.find("at most 2000") != std::string::npos);
  CHECK(*book.client() == before);
  // A file damaged behind the program's back is not written over; the book keeps what it had.
  writeText(store.clientPath("sam-rivera"), "{ half-typed");
  CHECK_FALSE(book.setClientDetails("Sam", "new notes").ok());
  CHECK(*book.client() == before);
  CHECK(readText(store.clientPath("sam-rivera")) == "{ half-typed");
}

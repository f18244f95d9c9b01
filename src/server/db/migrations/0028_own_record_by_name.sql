-- Issue 12: the risk rule for a relative or neighbour compares a viewed person's address and phone
-- with those of the viewer's own record, found by the viewer's display name with the spaces taken
-- out (「佐藤 翔太」 and 「佐藤　翔太」 are one name). The alerts job asks for a few dozen names at once.
CREATE INDEX IF NOT EXISTS persons_name_squeezed_idx ON persons ((replace(replace(name_kanji, ' ', ''), '　', '')));
-- It first shipped with the same journal time as 0025-0027, which drizzle's migrator skips on a
-- database already at 0027; it now has a later time and runs again harmlessly where it ran.

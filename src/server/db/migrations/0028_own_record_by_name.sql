-- Issue 12: the risk rule for a relative or neighbour compares a viewed person's address and phone
-- with those of the viewer's own record, found by the viewer's display name with the spaces taken
-- out (「佐藤 翔太」 and 「佐藤　翔太」 are one name). The alerts job asks for a few dozen names at once.
CREATE INDEX persons_name_squeezed_idx ON persons ((replace(replace(name_kanji, ' ', ''), '　', '')));

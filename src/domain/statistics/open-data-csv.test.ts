import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bareLineFeeds, datesBetween, fromOpenDataDate, parseCsvText, toCsvText, toOpenDataDate } from './open-data-csv.ts';

describe('open-data CSV text', () => {
  it('writes dates as the ministry does, without leading zeros', () => {
    assert.equal(toOpenDataDate('2020-01-16'), '2020/1/16');
    assert.equal(toOpenDataDate('2022-12-31'), '2022/12/31');
    assert.equal(fromOpenDataDate('2020/1/16'), '2020-01-16');
    assert.equal(fromOpenDataDate('2020/01/16'), null);
    assert.equal(fromOpenDataDate('2021/2/29'), null);
  });

  it('reads back every date it writes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        assert.equal(fromOpenDataDate(toOpenDataDate(iso)), iso);
      }),
    );
  });

  it('lists every day of a range, across month ends and 29 February', () => {
    assert.deepEqual(datesBetween('2024-02-28', '2024-03-01'), ['2024-02-28', '2024-02-29', '2024-03-01']);
    assert.deepEqual(datesBetween('2024-03-02', '2024-03-01'), []);
  });

  it('writes a BOM, CRLF, empty cells for null, and quotes what needs quoting; the reader gives it back', () => {
    const text = toCsvText(['a', 'b'], [[1, null], ['x,"y"', 'line\nbreak']]);
    assert.equal(text, '\uFEFFa,b\r\n1,\r\n"x,""y""","line\nbreak"\r\n');
    assert.deepEqual(parseCsvText(text), [['a', 'b'], ['1', ''], ['x,"y"', 'line\nbreak']]);
  });

  it('reads a file with LF line ends row by row, and counts those line ends', () => {
    const text = 'a,b\n1,2\r\n3\n';
    assert.deepEqual(parseCsvText(text), [['a', 'b'], ['1', '2'], ['3']]);
    assert.equal(bareLineFeeds(text), 2);
  });
});

/**
 * HTTP dates (RFC 9110, section 5.6.7), as Werkzeug's `http.parse_date` reads them.
 *
 * A date in `If-Modified-Since` that is not a valid HTTP date must be
 * ignored, not guessed at: `Date.parse` would take "2030" or a local-time
 * string and could answer 304 to a client that never had the file. So
 * only the three forms HTTP allows are read, all in GMT: the preferred
 * IMF-fixdate, and the obsolete RFC 850 and asctime forms that recipients
 * must still accept.
 *
 * @example
 * parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"); // 784111777000
 * parseHttpDate("2030"); // undefined
 */

const MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
const DAY = "Mon|Tue|Wed|Thu|Fri|Sat|Sun";
const LONG_DAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";

/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^(?:${DAY}), (\\d{2}) (${MONTHS}) (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` */
const RFC_850 = new RegExp(`^(?:${LONG_DAY}), (\\d{2})-(${MONTHS})-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` */
const ASCTIME = new RegExp(`^(?:${DAY}) (${MONTHS}) ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** The time an HTTP date names, in milliseconds since 1970, or `undefined` when it is not one. */
export function parseHttpDate(text: string): number | undefined {
  const value = text.trim();
  let match = IMF_FIXDATE.exec(value);
  if (match) return utc(match[3], match[2], match[1], match.slice(4));
  match = RFC_850.exec(value);
  if (match) return utc(fullYear(Number(match[3])), match[2], match[1], match.slice(4));
  match = ASCTIME.exec(value);
  if (match) return utc(match[6], match[1], match[2], match.slice(3, 6));
  return undefined;
}

function utc(
  year: string | number | undefined,
  month: string | undefined,
  day: string | undefined,
  [hours, minutes, seconds]: Array<string | undefined>,
): number | undefined {
  const time = Date.UTC(
    Number(year),
    MONTHS.split("|").indexOf(month ?? ""),
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
  );
  // Date.UTC rolls "31 Feb" over into March: such a date is not valid.
  return new Date(time).getUTCDate() === Number(day) ? time : undefined;
}

/** A two-digit year more than 50 years ahead is in the past century (RFC 9110, section 5.6.7). */
function fullYear(twoDigits: number): number {
  const now = new Date().getUTCFullYear();
  const year = Math.floor(now / 100) * 100 + twoDigits;
  return year > now + 50 ? year - 100 : year;
}

/** GET /profile?id=1: a TypeError from undefined, past a type that promised otherwise. */
import { encode } from "../../gateway/bytes.ts";
import type { App } from "../../gateway/types.ts";

// #region profile
interface Profile {
  name: string;
  address: { city: string };
}

// As it comes from storage: JSON.parse returns `any`, and `as` checks nothing.
const stored = '[{"name": "Ada", "address": {"city": "London"}}, {"name": "Grace"}]';

export const profile: App = (environ, startResponse) => {
  const profiles = JSON.parse(stored) as Profile[];
  const id = Number(new URLSearchParams(environ.QUERY_STRING).get("id") ?? "0");
  const { name, address } = profiles[id] as Profile;
  startResponse("200 OK", [["Content-Type", "text/plain; charset=utf-8"]]);
  return [encode(`${name} lives in ${address.city}.\n`)];
};
// #endregion profile

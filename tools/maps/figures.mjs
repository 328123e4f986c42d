// The handbook's locator maps: what each one frames, shades, labels and marks. Every name is
// looked up in the datasets (data.mjs); each frame is fitted to data, never to typed coordinates.
import { geoAzimuthalEqualArea, geoCentroid, geoCircle, geoMercator } from "d3-geo";
import { COLOURS } from "./render.mjs";

/**
 * SCO members as of the Astana summit of 9 June 2017, as the handbook's cited source names
 * them (claims sr-sco-founded and rp-sco-membership, both citing `issi_sco`): the six
 * founding states of 2001 and the two admitted in 2017. Natural Earth spells the names.
 */
export const SCO_MEMBERS = {
  source: "issi_sco",
  asOf: "2017-06-09",
  founders: ["China", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"],
  admitted2017: ["India", "Pakistan"],
};

const collection = (features) => ({ type: "FeatureCollection", features });
/** A country by its Natural Earth name; a misspelt name stops the script. */
const country = (countries, name) => {
  if (!countries.has(name)) throw new Error(`Natural Earth has no country named ${name}`);
  return countries.get(name);
};
/** The disc of *radius* degrees around a place: the sea or land a frame must take in. */
const around = (center, radius) => ({
  type: "Feature", properties: {}, geometry: geoCircle().center(center).radius(radius)(),
});

/**
 * The maps. *countries(scale)* gives the Natural Earth countries (name → feature) at "50m" or
 * "110m"; *place(name, iso, admin1)* gives a GeoNames place's [longitude, latitude].
 */
export function figures(countries, place) {
  const fine = countries("50m");
  const coarse = countries("110m");
  const karachi = place("Karachi", "PK");
  const vladivostok = place("Vladivostok", "RU");
  const khabarovsk = place("Khabarovsk", "RU");
  const blagoveshchensk = place("Blagoveshchensk", "RU", "05");
  const members = [...SCO_MEMBERS.founders, ...SCO_MEMBERS.admitted2017];
  const memberShapes = collection(members.map((name) => country(coarse, name)));
  const [lon, lat] = geoCentroid(memberShapes);
  return [
    {
      id: "rp-karachi",
      title: "Karachi and the North Arabian Sea",
      desc: "Locator map of Pakistan (shaded) and its neighbours, with Karachi on the southern "
        + "coast, the sea to its south, and Islamabad in the north.",
      data: "Natural Earth admin-0 countries 1:50m; GeoNames places",
      countries: fine,
      width: 640,
      height: 600,
      projection: geoMercator,
      fit: collection([country(fine, "Pakistan"), around(karachi, 5)]),
      highlight: ["Pakistan"],
      labels: [{ name: "Pakistan", size: 30 }, { name: "Afghanistan" }, { name: "India" },
        { name: "Iran" }],
      places: [
        { name: "Karachi", at: karachi, side: "right" },
        { name: "Islamabad", at: place("Islamabad", "PK"), side: "right" },
      ],
    },
    {
      id: "sr-vladivostok",
      title: "Vladivostok and the Amur–Ussuri region",
      desc: "Locator map of the Russian Far East (Russia shaded) and north-east China along "
        + "their border, with Vladivostok on the coast in the south, Khabarovsk to its north "
        + "and Blagoveshchensk to the north-west.",
      data: "Natural Earth admin-0 countries 1:50m; GeoNames places",
      countries: fine,
      width: 640,
      height: 640,
      projection: geoMercator,
      fit: collection([around(vladivostok, 2.5), around(khabarovsk, 2.5),
        around(blagoveshchensk, 2.5)]),
      highlight: ["Russia"],
      labels: [{ name: "Russia", size: 30, dy: -70 }, { name: "China", size: 30 }],
      places: [
        { name: "Vladivostok", at: vladivostok, side: "right" },
        { name: "Khabarovsk", at: khabarovsk, side: "right" },
        { name: "Blagoveshchensk", at: blagoveshchensk, side: "below" },
      ],
    },
    {
      id: "sco-members",
      title: "Member states of the Shanghai Cooperation Organisation after 9 June 2017",
      desc: "The six founding states of 2001 (China, Kazakhstan, Kyrgyzstan, Russia, "
        + "Tajikistan, Uzbekistan) and the two admitted on 9 June 2017 (India, Pakistan), shaded.",
      data: "Natural Earth admin-0 countries 1:110m",
      countries: coarse,
      width: 800,
      height: 560,
      projection: () => geoAzimuthalEqualArea().rotate([-lon, -lat]),
      fit: memberShapes,
      highlight: members,
      labels: [
        { name: "Russia", size: 36 }, { name: "China", size: 30 }, { name: "India", size: 30 },
        { name: "Kazakhstan", size: 26, dy: -8 }, { name: "Pakistan", size: 26, dx: -40, dy: 26 },
        { name: "Uzbekistan", size: 24, dx: -40, dy: 6, leader: true },
        { name: "Kyrgyzstan", size: 24, dx: 40, dy: -6, leader: true },
        { name: "Tajikistan", size: 24, dx: -24, dy: 26, leader: true },
      ],
      places: [],
      legend: [
        { text: "SCO member", fill: COLOURS.highlight },
        { text: "Other country", fill: COLOURS.land },
      ],
    },
  ];
}

// UTM ↔ WGS 84 for pasted survey coordinates (BPN and consultants in Bekasi use UTM zone 48S).
// Transverse Mercator with Krüger's series in n to sixth order (Karney 2011, "Transverse Mercator with
// an accuracy of a few nanometers"): well under a millimetre anywhere in a UTM zone, so a pasted parcel
// keeps its exact shape and area. The forward mapping exists for round trips and for showing UTM.

const A = 6_378_137;
const F = 1 / 298.257223563;
const K0 = 0.9996;
const FALSE_EASTING = 500_000;
const FALSE_NORTHING_SOUTH = 10_000_000;
const E2 = F * (2 - F);
const E = Math.sqrt(E2);
const N = F / (2 - F);
const DEG = Math.PI / 180;

const n2 = N * N;
const n3 = n2 * N;
const n4 = n3 * N;
const n5 = n4 * N;
const n6 = n5 * N;

/** Rectifying radius: meridian arc length per radian of rectifying latitude. */
const RECTIFYING_RADIUS = (A / (1 + N)) * (1 + n2 / 4 + n4 / 64 + n6 / 256);

// Karney (2011) eq. 35: conformal latitude → rectifying latitude (forward).
const ALPHA = [
  (1 / 2) * N - (2 / 3) * n2 + (5 / 16) * n3 + (41 / 180) * n4 - (127 / 288) * n5 + (7891 / 37800) * n6,
  (13 / 48) * n2 - (3 / 5) * n3 + (557 / 1440) * n4 + (281 / 630) * n5 - (1983433 / 1935360) * n6,
  (61 / 240) * n3 - (103 / 140) * n4 + (15061 / 26880) * n5 + (167603 / 181440) * n6,
  (49561 / 161280) * n4 - (179 / 168) * n5 + (6601661 / 7257600) * n6,
  (34729 / 80640) * n5 - (3418889 / 1995840) * n6,
  (212378941 / 319334400) * n6,
];

// Karney (2011) eq. 36: rectifying → conformal (inverse).
const BETA = [
  (1 / 2) * N - (2 / 3) * n2 + (37 / 96) * n3 - (1 / 360) * n4 - (81 / 512) * n5 + (96199 / 604800) * n6,
  (1 / 48) * n2 + (1 / 15) * n3 - (437 / 1440) * n4 + (46 / 105) * n5 - (1118711 / 3870720) * n6,
  (17 / 480) * n3 - (37 / 840) * n4 - (209 / 4480) * n5 + (5569 / 90720) * n6,
  (4397 / 161280) * n4 - (11 / 504) * n5 - (830251 / 7257600) * n6,
  (4583 / 161280) * n5 - (108847 / 3991680) * n6,
  (20648693 / 638668800) * n6,
];

export type Hemisphere = 'N' | 'S';
export type UtmZone = { zone: number; hemisphere: Hemisphere };

/** Kota Bekasi (and all of Java west of 108° E) lies in UTM zone 48 south. */
export const BEKASI_UTM_ZONE: UtmZone = { zone: 48, hemisphere: 'S' };

export function centralMeridian(zone: number): number {
  return zone * 6 - 183;
}

/** The zone a longitude falls in (ignoring the Norway/Svalbard exceptions, irrelevant in Indonesia). */
export function utmZoneOf(lon: number, lat: number): UtmZone {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  return { zone, hemisphere: lat < 0 ? 'S' : 'N' };
}

// ψ-related helpers after Karney: τ = tan φ, τ' = tan of the conformal latitude.
function eatanhe(x: number): number {
  return E * Math.atanh(E * x);
}

function taupOf(tau: number): number {
  const tau1 = Math.hypot(1, tau);
  const sig = Math.sinh(eatanhe(tau / tau1));
  return Math.hypot(1, sig) * tau - sig * tau1;
}

/** Inverts τ' = taupOf(τ) by Newton's method (converges in 2–3 steps to machine precision). */
function tauOf(taup: number): number {
  const e2m = 1 - E2;
  let tau = taup / e2m;
  const tolerance = (Math.sqrt(Number.EPSILON) / 10) * Math.max(1, Math.abs(taup));
  for (let i = 0; i < 8; i++) {
    const taupa = taupOf(tau);
    const dtau = ((taup - taupa) * (1 + e2m * tau * tau)) / (e2m * Math.hypot(1, tau) * Math.hypot(1, taupa));
    tau += dtau;
    if (!(Math.abs(dtau) >= tolerance)) break;
  }
  return tau;
}

/** UTM easting/northing (meters) in `zone` to `[lon, lat]` degrees on WGS 84. */
export function utmToLonLat(easting: number, northing: number, zone: UtmZone = BEKASI_UTM_ZONE): [number, number] {
  const falseNorthing = zone.hemisphere === 'S' ? FALSE_NORTHING_SOUTH : 0;
  const xi = (northing - falseNorthing) / (K0 * RECTIFYING_RADIUS);
  const eta = (easting - FALSE_EASTING) / (K0 * RECTIFYING_RADIUS);
  let xiP = xi;
  let etaP = eta;
  for (let j = 1; j <= 6; j++) {
    const beta = BETA[j - 1] as number;
    xiP -= beta * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    etaP -= beta * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
  }
  const sinhEtaP = Math.sinh(etaP);
  const cosXiP = Math.cos(xiP);
  const taup = Math.sin(xiP) / Math.hypot(sinhEtaP, cosXiP);
  const lat = Math.atan(tauOf(taup)) / DEG;
  const lon = centralMeridian(zone.zone) + Math.atan2(sinhEtaP, cosXiP) / DEG;
  return [lon, lat];
}

/** `[lon, lat]` degrees to UTM `[easting, northing]` meters in `zone` (default: the point's own zone). */
export function lonLatToUtm(lon: number, lat: number, zone: UtmZone = utmZoneOf(lon, lat)): [number, number] {
  const tau = Math.tan(lat * DEG);
  const taup = taupOf(tau);
  const dLambda = (lon - centralMeridian(zone.zone)) * DEG;
  const xiP = Math.atan2(taup, Math.cos(dLambda));
  const etaP = Math.asinh(Math.sin(dLambda) / Math.hypot(taup, Math.cos(dLambda)));
  let xi = xiP;
  let eta = etaP;
  for (let j = 1; j <= 6; j++) {
    const alpha = ALPHA[j - 1] as number;
    xi += alpha * Math.sin(2 * j * xiP) * Math.cosh(2 * j * etaP);
    eta += alpha * Math.cos(2 * j * xiP) * Math.sinh(2 * j * etaP);
  }
  const falseNorthing = zone.hemisphere === 'S' ? FALSE_NORTHING_SOUTH : 0;
  return [FALSE_EASTING + K0 * RECTIFYING_RADIUS * eta, falseNorthing + K0 * RECTIFYING_RADIUS * xi];
}

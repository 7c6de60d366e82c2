#!/usr/bin/env bash
# Draws a soak run's samples (CSV: second,rss_mib,open_fds) as an SVG on
# stdout: the server's resident memory and its open file descriptors over
# time, each on its own axis from zero, so "flat" is visible at a glance.
#
#   scripts/plot-soak.sh docs/soak.csv > docs/soak.svg
set -euo pipefail
csv=${1:?usage: plot-soak.sh SAMPLES.csv}
awk -F, '
BEGIN { n = 0 }  # numeric from the start: t[n] with n unset would be t[""]
NR == 1 { next }
{ t[n] = $1; r[n] = $2; f[n] = $3; n++
  if ($1 > tmax) tmax = $1; if ($2 > rmax) rmax = $2; if ($3 > fmax) fmax = $3 }
function nice(v,   p, m) {  # a round axis maximum above v
  if (v <= 0) return 1
  p = 10 ^ int(log(v) / log(10)); m = v / p
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p
}
function series(vals, vmax, top, colour,   i, x, y, pts) {
  pts = ""
  for (i = 0; i < n; i++) {
    x = 60 + 680 * t[i] / (tmax > 0 ? tmax : 1)
    y = top + 160 - 160 * vals[i] / vmax
    pts = pts sprintf("%.1f,%.1f ", x, y)
  }
  printf "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>\n", colour, pts
}
function axes(top, vmax, label,   k) {
  printf "<rect x=\"60\" y=\"%d\" width=\"680\" height=\"160\" fill=\"none\" stroke=\"#999\"/>\n", top
  for (k = 0; k <= 4; k++) {
    printf "<text x=\"55\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%g</text>\n", top + 160 - 40 * k + 4, vmax * k / 4
    printf "<line x1=\"60\" x2=\"740\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", top + 160 - 40 * k, top + 160 - 40 * k
  }
  printf "<text x=\"64\" y=\"%d\" font-size=\"12\">%s</text>\n", top - 6, label
}
END {
  rm = nice(rmax * 1.2); fm = nice(fmax * 1.2)
  print "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"440\" font-family=\"sans-serif\">"
  print "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
  printf "<text x=\"60\" y=\"18\" font-size=\"14\">hall-server soak: %d s, one sample a second</text>\n", tmax
  axes(40, rm, "resident memory (MiB)"); series(r, rm, 40, "#c0392b")
  axes(240, fm, "open file descriptors"); series(f, fm, 240, "#2c7fb8")
  for (k = 0; k <= 4; k++)
    printf "<text x=\"%.1f\" y=\"418\" text-anchor=\"middle\" font-size=\"11\">%d s</text>\n", 60 + 170 * k, tmax * k / 4
  print "</svg>"
}' "$csv"

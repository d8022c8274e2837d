"""bench/suite.sh's report: results.csv -> results.md (the tables) and suite.gp + suite.dat (the chart for gnuplot).

    python3 bench/suite-report.py bench/target/suite/results.csv bench/target/suite
"""
import csv
import sys
from pathlib import Path

PROFILES = ["p1", "p20", "p200", "p20conn", "ecstream"]
OURS = ["adapter-maildir", "adapter-reader", "adapter-batch"]
ANCHORS = ["smtp-sink", "subethasmtp", "postfix-queue"]


def number(v):
    return f"{v:,.0f}" if v is not None else "–"


def main(csv_path, out):
    out = Path(out)
    rows = list(csv.DictReader(open(csv_path)))
    servers = list(dict.fromkeys(r["server"] for r in rows))
    profiles = [p for p in PROFILES if any(r["profile"] == p for r in rows)]
    median = {(r["server"], r["profile"]): float(r["median_msgs_per_s"]) for r in rows if r["median_msgs_per_s"]}
    rss = {r["server"]: r["peak_rss_mib"] for r in rows if r["peak_rss_mib"]}
    failed = {(r["server"], r["profile"]) for r in rows if not r["median_msgs_per_s"]}

    md = ["| server | " + " | ".join(f"{p} msg/s" for p in profiles) + " | peak RSS MiB |",
          "| --- |" + " ---: |" * (len(profiles) + 1)]
    for s in servers:
        cells = ["failed" if (s, p) in failed else number(median.get((s, p))) for p in profiles]
        md.append(f"| {s} | " + " | ".join(cells) + f" | {rss.get(s, '–')} |")

    ours = [s for s in OURS if s in servers]
    anchors = [a for a in ANCHORS if a in servers]
    if ours and anchors:
        md += ["", "| ratio | " + " | ".join(profiles) + " |", "| --- |" + " ---: |" * len(profiles)]
        for s in ours:
            for a in anchors:
                cells = []
                for p in profiles:
                    own, other = median.get((s, p)), median.get((a, p))
                    cells.append(f"{own / other:.2f}×" if own and other else "–")
                md.append(f"| {s} ÷ {a} | " + " | ".join(cells) + " |")
            if "ecstream" in profiles and median.get((s, "ecstream")) and median.get((s, "p20")):
                md.append(f"| {s}: ECStream ÷ its own SMTP p20 | " + " | ".join(
                    f"{median[(s, 'ecstream')] / median[(s, 'p20')]:.2f}×" if p == "ecstream" else ""
                    for p in profiles) + " |")

    md += ["", "| server | profile | warm-up rounds (s) | timed round msgs | timed rounds min–max msg/s |",
           "| --- | --- | ---: | ---: | ---: |"]
    for r in rows:
        if r["median_msgs_per_s"]:
            md.append(f"| {r['server']} | {r['profile']} | {r['warmup_rounds']} ({r['warmup_s']}) | "
                      f"{int(r['round_msgs']):,} | {number(float(r['min']))}–{number(float(r['max']))} |")
    (out / "results.md").write_text("\n".join(md) + "\n")

    # the chart: one cluster per profile, one bar per server, log scale (the durable peer is ~20x below the sink)
    dat = ["profile " + " ".join(servers)]
    for p in profiles:
        dat.append(p + " " + " ".join(f"{median[(s, p)]:.0f}" if (s, p) in median else "-" for s in servers))
    (out / "suite.dat").write_text("\n".join(dat) + "\n")
    plots = ", ".join(f"'{out / 'suite.dat'}' using {i + 2}:xtic(1) title columnheader({i + 2})"
                      for i in range(len(servers)))
    (out / "suite.gp").write_text(f"""set terminal pngcairo size 1100,550 font ',10'
set output '{out / 'suite.png'}'
set title 'Steady state, 4 KiB messages, msg/s (median of 3 rounds after warm-up; log scale)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set datafile missing '-'
set logscale y
set yrange [100:*]
set grid ytics
set key outside right top vertical
set ylabel 'messages per second'
plot {plots}
""")


if __name__ == "__main__":
    main(*sys.argv[1:3])

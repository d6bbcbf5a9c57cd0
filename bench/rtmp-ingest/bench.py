#!/usr/bin/env python3
"""Ingest load: N real ffmpeg publishers (RTMP; RTP with --protocol rtp; SRT with --protocol srt) into the Camel
Media app, server CPU and RSS measured. --protocol srt-live-transmit is SRT's anchor: the same N ffmpeg SRT
publishers, each into its own srt-live-transmit (Debian srt-tools, libsrt) relaying to /dev/null; CPU and RSS
are those N processes' together.

For each N: start the app (default routes: RTMP on --rtmp-port, logging each stream), wait for the port,
measure 3 s idle, start N publishers (`ffmpeg -re -stream_loop -1 -i SRC -c copy -f flv`) --ramp s apart,
wait --warmup s, measure for -T s: CPU ticks (utime+stime) and RSS of the JVM from /proc, publishers still
alive, streams the app logged as started. One JSON line per N goes to --out; a table is printed.

The source clip is the shared harness's (../shared/bench/rtmp-hls/make_source.sh: 720p30 H.264 ~2.5 Mb/s
+ AAC), so figures compare with its nginx-rtmp anchor (about 3 CPU-ms per stream-second).
"""
import argparse, json, os, re, shlex, signal, socket, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CLK = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])          # utime + stime (whole JVM: all threads)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def wait_port(port, timeout):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def stop(p, timeout=15):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


RTP_ROUTE = """- route:
    id: rtp-{i}
    from:
      uri: "rtp://127.0.0.1:{port}?payloadType=96&codec=h264&stream=live/stream{i}"
      steps:
        - filter:
            simple: "${{header.CamelMediaEvent}} == 'STARTED'"
            steps:
              - log: "stream started: ${{body.describe()}}"
"""


INGEST_ONLY = {
    "rtmp": 'rtmp://0.0.0.0:{{{{camel.media.rtmp.port}}}}/live',
    "srt": 'srt://0.0.0.0:{{{{camel.media.srt.port}}}}',
}
INGEST_ROUTE = """- route:
    id: ingest
    from:
      uri: "{uri}"
      steps:
        - filter:
            simple: "${{header.CamelMediaEvent}} == 'STARTED'"
            steps:
              - log: "stream started: ${{body.describe()}}"
"""


def routes_dir(n, a, run_dir):
    """RTMP, SRT: the app's default routes, or (--ingest-only) one route that only logs each stream's start.
    RTP: one rtp: route per input, ports 20000, 20002, ..."""
    d = os.path.join(run_dir, "routes")
    os.makedirs(d, exist_ok=True)
    if a.protocol in ("rtmp", "srt"):
        if not a.ingest_only:
            return f"{ROOT}/routes"
        with open(os.path.join(d, "ingest.yaml"), "w") as f:
            f.write(INGEST_ROUTE.format(uri=INGEST_ONLY[a.protocol].format()))
        return d
    with open(os.path.join(d, "rtp.yaml"), "w") as f:
        for i in range(n):
            f.write(RTP_ROUTE.format(i=i, port=20000 + 2 * i))
    return d


def publisher(i, a):
    if a.protocol == "rtmp":
        out = ["-c", "copy", "-f", "flv", f"rtmp://127.0.0.1:{a.rtmp_port}/live/stream{i}"]
    elif a.protocol == "srt":
        out = ["-c", "copy", "-f", "mpegts", f"srt://127.0.0.1:{a.srt_port}?streamid=publish:live/stream{i}"]
    elif a.protocol == "srt-live-transmit":
        out = ["-c", "copy", "-f", "mpegts", f"srt://127.0.0.1:{a.srt_port + 1 + i}"]
    else:   # video only, parameter sets in-band so the receiver can start without an SDP
        out = ["-an", "-c:v", "copy", "-bsf:v", "h264_mp4toannexb", "-payload_type", "96", "-f", "rtp",
               f"rtp://127.0.0.1:{20000 + 2 * i}"]
    return [a.ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "warning", "-re", "-stream_loop", "-1",
            "-i", a.src] + out


def start_servers(n, a, run_dir, log_path):
    """The app, or (srt-live-transmit) one relay per publisher on ports srt_port+1..srt_port+n."""
    if a.protocol == "srt-live-transmit":
        log = open(log_path, "w")
        return [subprocess.Popen(["srt-live-transmit", "-q", f"srt://:{a.srt_port + 1 + i}?mode=listener", "file://con"],
                                 stdout=subprocess.DEVNULL, stderr=log) for i in range(n)]
    cmd = (["java"] + shlex.split(a.jvm_opts) + [f"-Droutes.dir={routes_dir(n, a, run_dir)}",
           f"-Dcamel.media.rtmp.port={a.rtmp_port}", f"-Dcamel.media.srt.port={a.srt_port}",
           f"-Dquarkus.http.port={a.http_port}", "-jar", a.jar])
    server = subprocess.Popen(cmd, stdout=open(log_path, "w"), stderr=subprocess.STDOUT, cwd=ROOT)
    if not wait_port(a.http_port, 60):
        stop(server)
        raise SystemExit(f"server did not open {a.http_port}; see {log_path}")
    return [server]


def run_one(n, a, run_dir):
    os.makedirs(run_dir, exist_ok=True)
    log_path = os.path.join(run_dir, "server.log")
    servers = start_servers(n, a, run_dir, log_path)

    def ticks():
        return sum(cpu_ticks(p.pid) for p in servers)

    def rss_all():
        return sum(rss_mb(p.pid) for p in servers)
    pubs = []
    try:
        t0, c0 = time.time(), ticks()
        time.sleep(3)
        idle_cpu_pct = (ticks() - c0) / CLK / (time.time() - t0) * 100
        idle_rss = rss_all()
        t_pub0 = time.time()
        for i in range(n):
            pubs.append(subprocess.Popen(publisher(i, a), stdout=subprocess.DEVNULL,
                                         stderr=open(os.path.join(run_dir, f"pub{i}.log"), "w")))
            time.sleep(a.ramp)
        time.sleep(a.warmup)
        rss = []
        t1, c1 = time.time(), ticks()
        while time.time() - t1 < a.duration:
            time.sleep(1)
            rss.append(rss_all())
        t2, c2 = time.time(), ticks()
        alive = sum(1 for p in pubs if p.poll() is None)
        servers_alive = sum(1 for p in servers if p.poll() is None)
    finally:
        for p in pubs:
            stop(p, 5)
        time.sleep(1)
        for s in servers:
            stop(s)
    with open(log_path, errors="replace") as f:
        text = f.read()
    started = (servers_alive if a.protocol == "srt-live-transmit"   # relays still up, each fed by its publisher
               else len(set(re.findall(r"stream started: (live/stream\d+)", text))))
    errors = len(re.findall(r"\b(ERROR|Exception)\b", text))
    window = t2 - t1
    cpu_ms = (c2 - c1) * 1000.0 / CLK
    return {
        "schema": "camel-media-ingest/1", "protocol": a.protocol, "ingest_only": a.ingest_only, "n": n, "window_s": round(window, 1),
        "cpu_pct_one_core": round(cpu_ms / window / 10, 2),
        "cpu_ms_per_stream_s": round(cpu_ms / (n * window), 3),
        "rss_mb_peak": round(max(rss), 1), "rss_mb_mean": round(sum(rss) / len(rss), 1),
        "idle_cpu_pct": round(idle_cpu_pct, 2), "idle_rss_mb": round(idle_rss, 1),
        "publishers_alive": alive, "streams_started": started, "server_error_lines": errors,
        "jvm_opts": a.jvm_opts, "src": a.src, "time": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "loadavg": os.getloadavg()[0], "run_dir": run_dir,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--streams", type=int, nargs="+", default=[1, 10, 50])
    ap.add_argument("--protocol", choices=["rtmp", "rtp", "srt", "srt-live-transmit"], default="rtmp")
    ap.add_argument("-T", "--duration", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=20)
    ap.add_argument("--ramp", type=float, default=0.1)
    ap.add_argument("--jar", default=os.path.join(ROOT, "quarkus-app/target/quarkus-app/quarkus-run.jar"))
    ap.add_argument("--jvm-opts", default="-Xms256m -Xmx512m -XX:+UseG1GC -XX:G1HeapRegionSize=8m")
    ap.add_argument("--src", default="/tmp/rtmp-hls-bench/media/src-720p30.flv")
    ap.add_argument("--ffmpeg", default="ffmpeg")
    ap.add_argument("--rtmp-port", type=int, default=19351)
    ap.add_argument("--http-port", type=int, default=18081)
    ap.add_argument("--ingest-only", action="store_true",
                    help="rtmp/srt: a route that only logs each start, instead of the default routes (HLS, WHEP, SRT)")
    ap.add_argument("--srt-port", type=int, default=18890, help="the app's SRT port; srt-live-transmit uses the next N")
    ap.add_argument("--out", default=os.path.join(HERE, "results.jsonl"))
    ap.add_argument("--run-root", default="/tmp/camel-media-bench")
    a = ap.parse_args()
    if not os.path.exists(a.src):
        subprocess.run([os.path.join(ROOT, "..", "shared", "bench", "rtmp-hls", "make_source.sh"), a.src], check=True)
    rows = []
    for n in a.streams:
        r = run_one(n, a, os.path.join(a.run_root, f"N{n}-{time.strftime('%H%M%S')}"))
        rows.append(r)
        with open(a.out, "a") as f:
            f.write(json.dumps(r) + "\n")
        print(json.dumps(r), flush=True)
    print("\n| N | CPU % of one core | CPU-ms per stream-second | RSS MB peak / mean | publishers alive | streams started |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']} | {r['cpu_pct_one_core']} | {r['cpu_ms_per_stream_s']} | {r['rss_mb_peak']} / {r['rss_mb_mean']}"
              f" | {r['publishers_alive']}/{r['n']} | {r['streams_started']}/{r['n']} |")


if __name__ == "__main__":
    sys.exit(main())

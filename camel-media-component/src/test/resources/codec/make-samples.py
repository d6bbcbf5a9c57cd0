#!/usr/bin/env python3
"""Makes the committed codec samples under this directory. Run once, by hand; tests never run it.

FFMPEG8 = the ffmpeg 8 inside the JavaCV jar (unzip org/bytedeco/ffmpeg/linux-x86_64/* from
ffmpeg-8.0.1-1.5.13-linux-x86_64.jar, LD_LIBRARY_PATH to that dir). FFMPEG5 = Debian's /usr/bin/ffmpeg 5.1
(libx264, libx265), used only for the encoders the bundled build lacks.

Outputs per sample <name>:
  <name>.mp4 / .ogg / .aac   the container file (only for the streams the Annex B tests replay)
  <name>.config.bin          the codec configuration record cut out of the container (avcC/hvcC/av1C/vpcC
                             box payload, AudioSpecificConfig, OpusHead)
  <name>.packets             the first packets, each as a u32 big-endian length then the bytes
  <name>.csv                 one line per packet in .packets: size,duration,flags (from ffprobe)
"""
import os, struct, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
FF8_DIR = os.environ.get("FF8_DIR", "/tmp/codecff/org/bytedeco/ffmpeg/linux-x86_64")
FFMPEG8 = os.path.join(FF8_DIR, "ffmpeg")
FFPROBE8 = os.path.join(FF8_DIR, "ffprobe")
FFMPEG5 = "/usr/bin/ffmpeg"
ENV = dict(os.environ, LD_LIBRARY_PATH=FF8_DIR)
SRC = ["-f", "lavfi", "-i"]


def run(cmd):
    env = ENV if cmd[0] != FFMPEG5 else dict(os.environ)
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def box(data, fourcc, full_box=False):
    """Payload of the first box named fourcc (size from the 4 bytes before it)."""
    i = data.index(fourcc.encode())
    size = struct.unpack(">I", data[i - 4:i])[0]
    payload = data[i + 4:i - 4 + size]
    return payload[4:] if full_box else payload


def esds_asc(data):
    """AudioSpecificConfig = DecoderSpecificInfo (tag 5) inside the esds box (ISO 14496-1 7.2.6)."""
    p = box(data, "esds", full_box=True)
    i = 0
    while i < len(p):
        tag = p[i]; i += 1
        n = 0
        while True:
            b = p[i]; i += 1
            n = (n << 7) | (b & 0x7F)
            if not b & 0x80:
                break
        if tag == 3:
            i += 3  # ES_ID, flags (no optional fields from ffmpeg)
        elif tag == 4:
            i += 13  # objectTypeIndication .. avgBitrate
        elif tag == 5:
            return p[i:i + n]
        else:
            i += n
    raise ValueError("no DecoderSpecificInfo")


def packets(path, out_name, count, stream="v:0"):
    probe = subprocess.run([FFPROBE8, "-v", "error", "-select_streams", stream, "-show_entries",
                            "packet=size,duration,flags", "-of", "csv=p=0", path],
                           check=True, env=ENV, capture_output=True, text=True).stdout.split()
    raw = subprocess.run([FFMPEG8, "-v", "error", "-i", path, "-map", "0:" + stream, "-c", "copy", "-f", "data", "-"],
                         check=True, env=ENV, capture_output=True).stdout
    rows, off, blob = [], 0, b""
    for line in probe[:count]:
        duration, size, flags = line.split(",")[:3]  # ffprobe prints its own field order
        size = int(size)
        blob += struct.pack(">I", size) + raw[off:off + size]
        off += size
        rows.append(f"{size},{duration},{flags}")
    open(os.path.join(HERE, out_name + ".packets"), "wb").write(blob)
    open(os.path.join(HERE, out_name + ".csv"), "w").write("\n".join(rows) + "\n")


def write(name, data):
    open(os.path.join(HERE, name), "wb").write(data)


def video(ff, name, size, enc, ext="mp4", frames=15, rate=10, keep=False, npk=3):
    if "-pix_fmt" not in enc:
        enc = enc + ["-pix_fmt", "yuv420p"]  # testsrc is RGB: without this, encoders pick 4:4:4 / GBR
    path = os.path.join(HERE, name + "." + ext) if keep else f"/tmp/{os.path.basename(name)}.{ext}"
    run([ff, "-y", "-v", "error"] + SRC + [f"testsrc=size={size}:rate={rate}", "-frames:v", str(frames)] + enc
        + ["-an", path])
    data = open(path, "rb").read()
    return path, data


def main():
    os.makedirs(HERE, exist_ok=True)
    # --- H.264 ---
    p, d = video(FFMPEG8, "h264/openh264-320x240-baseline", "320x240", ["-c:v", "libopenh264", "-g", "5", "-b:v", "200k"], keep=True)
    write("h264/openh264-320x240-baseline.config.bin", box(d, "avcC"))
    p, d = video(FFMPEG8, "h264/openh264-320x180-high", "320x180", ["-c:v", "libopenh264", "-profile:v", "high", "-g", "10"])
    write("h264/openh264-320x180-high.config.bin", box(d, "avcC"))
    p, d = video(FFMPEG5, "h264/x264-320x240-high-aud-repeat-headers", "320x240",
                 ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast", "-crf", "35", "-g", "5", "-bf", "2",
                  "-x264-params", "aud=1:repeat-headers=1"], keep=True)
    write("h264/x264-320x240-high-aud-repeat-headers.config.bin", box(d, "avcC"))
    p, d = video(FFMPEG5, "h264/x264-250x150-high444-cqm", "250x150",
                 ["-c:v", "libx264", "-pix_fmt", "yuv444p", "-crf", "35", "-x264-params", "cqm=jvt"], frames=2)
    write("h264/x264-250x150-high444-cqm.config.bin", box(d, "avcC"))
    p, d = video(FFMPEG5, "h264/x264-320x240-high10-interlaced", "320x240",
                 ["-c:v", "libx264", "-pix_fmt", "yuv420p10le", "-crf", "35", "-flags", "+ildct"], frames=2)
    write("h264/x264-320x240-high10-interlaced.config.bin", box(d, "avcC"))
    # --- H.265 ---
    p, d = video(FFMPEG5, "h265/x265-main-320x240", "320x240",
                 ["-c:v", "libx265", "-pix_fmt", "yuv420p", "-crf", "35", "-x265-params", "keyint=5:min-keyint=5:bframes=2:log-level=error"], keep=True)
    write("h265/x265-main-320x240.config.bin", box(d, "hvcC"))
    p, d = video(FFMPEG5, "h265/x265-main10-320x180-repeat-headers", "320x180",
                 ["-c:v", "libx265", "-pix_fmt", "yuv420p10le", "-crf", "35",
                  "-x265-params", "keyint=5:min-keyint=5:repeat-headers=1:log-level=error"], keep=True)
    write("h265/x265-main10-320x180-repeat-headers.config.bin", box(d, "hvcC"))
    p, d = video(FFMPEG5, "h265/x265-main444-250x150", "250x150",
                 ["-c:v", "libx265", "-pix_fmt", "yuv444p", "-crf", "35", "-x265-params", "log-level=error"], frames=2)
    write("h265/x265-main444-250x150.config.bin", box(d, "hvcC"))
    # --- AV1 ---
    for name, enc in [("av1/libaom-320x240", ["-c:v", "libaom-av1", "-cpu-used", "8", "-crf", "50", "-g", "5"]),
                      ("av1/libsvtav1-320x240", ["-c:v", "libsvtav1", "-preset", "12", "-crf", "50", "-g", "5"]),
                      ("av1/libaom-250x150-444-10bit", ["-c:v", "libaom-av1", "-cpu-used", "8", "-crf", "50",
                                                        "-pix_fmt", "yuv444p10le"])]:
        p, d = video(FFMPEG8, name, name.split("-")[1] if "444" in name else "320x240", enc, frames=6)
        write(name + ".config.bin", box(d, "av1C"))
        packets(p, name, 3)
    # --- VP9 ---
    for name, size, enc in [("vp9/libvpx-320x240-profile0", "320x240", ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "100k"]),
                            ("vp9/libvpx-250x150-profile1-444", "250x150", ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "100k", "-pix_fmt", "yuv444p"]),
                            ]:  # the bundled libvpx has no high bit depth: no profile 2/3 sample
        try:
            p, d = video(FFMPEG8, name, size, enc, frames=4)
        except subprocess.CalledProcessError:
            print("skipped", name); continue
        write(name + ".config.bin", box(d, "vpcC", full_box=True))
        packets(p, name, 3)
    # --- AAC ---
    for name, args in [("aac/aac-lc-48000-stereo", ["sine=frequency=440:sample_rate=48000", "-ac", "2"]),
                       ("aac/aac-lc-44100-mono", ["sine=frequency=440:sample_rate=44100", "-ac", "1"]),
                       ("aac/aac-lc-8000-6ch", ["sine=frequency=440:sample_rate=8000", "-ac", "6"])]:
        m4a = f"/tmp/{os.path.basename(name)}.m4a"
        run([FFMPEG8, "-y", "-v", "error"] + SRC + [args[0], "-t", "0.2"] + args[1:] + ["-c:a", "aac", m4a])
        write(name + ".config.bin", esds_asc(open(m4a, "rb").read()))
        adts = f"/tmp/{os.path.basename(name)}.aac"
        run([FFMPEG8, "-y", "-v", "error", "-i", m4a, "-c", "copy", "-f", "adts", adts])
        write(name + ".adts", open(adts, "rb").read()[:2000])
    # --- Opus ---
    for name, ch in [("opus/libopus-48000-stereo", "2"), ("opus/libopus-48000-5.1", "6"), ("opus/libopus-48000-mono", "1")]:
        ogg = f"/tmp/{os.path.basename(name)}.ogg"
        run([FFMPEG8, "-y", "-v", "error"] + SRC + ["sine=frequency=440:sample_rate=48000", "-t", "0.3", "-ac", ch,
             "-c:a", "libopus", "-frame_duration", "20" if ch != "1" else "10", ogg])
        d = open(ogg, "rb").read()
        i = d.index(b"OpusHead")
        family = d[i + 18]
        n = 19 + (2 + int(ch) if family else 0)
        write(name + ".config.bin", d[i:i + n])
        packets(ogg, name, 4, stream="a:0")


if __name__ == "__main__":
    main()

// Camel Media player page: lists the live HLS streams and plays one with hls.js (native HLS on Safari
// without MediaSource). No build step, no framework.
//
// Query parameters (for shareable links and tests):
//   ?stream=live/test&format=fmp4   play that stream as soon as it is listed (format: fmp4 | mpegts | webrtc)
//   ?src=<playlist URL>&ll=0|1      play any playlist URL directly (ll: hls.js lowLatencyMode, default 1)
//   ?streams=<URL>                  read the stream list from another URL (default /hls/streams.json)
//   ?recordings=<URL>               read the recordings from another URL (default /recordings/list; playback:)
//   ?api=<URL>                      read the live streams' figures from another URL (default /v1/streams)
//   ?token=<key>                    a read key (README "Authentication"): sent as Bearer to the lists and WHEP, and as
//                                   ?token= on playlists (the server puts it on every URI a playlist names)
//
// window.cmPlayer exposes the playback state (tests read it).
(function () {
  'use strict';

  const LIST_REFRESH_MS = 2000;   // how often the stream list is reloaded
  const STATS_REFRESH_MS = 500;   // how often the numbers below the video are updated
  const MAX_EVENTS = 200;         // events kept in cmPlayer.events and the log
  const RECORDINGS_REFRESH_MS = 10000; // how often the recordings are reloaded
  const MAX_RECORDINGS_SHOWN = 12;     // newest recordings listed per stream

  const params = new URLSearchParams(location.search);
  const streamsUrl = new URL(params.get('streams') || '/hls/streams.json', location.href).href;
  const recordingsUrl = new URL(params.get('recordings') || '/recordings/list', location.href).href;
  const apiStreamsUrl = new URL(params.get('api') || '/v1/streams', location.href).href;
  const token = params.get('token');
  const auth = token ? { Authorization: 'Bearer ' + token } : {};
  // a playlist URL with the read key (hls.js cannot be told headers per request without a loader of our own)
  const withToken = (url) => {
    if (!token) return url;
    const u = new URL(url, location.href);
    u.searchParams.set('token', token);
    return u.href;
  };
  const video = document.getElementById('video');
  const $ = (id) => document.getElementById(id);

  const cm = window.cmPlayer = {
    state: 'idle',          // idle | loading | playing | buffering | paused | ended | error
    stream: null,           // stream path, or null for ?src=
    format: null,           // fmp4 | mpegts | webrtc (WHEP) | vod (a recording)
    url: null,              // playlist URL being played
    lowLatency: false,
    engine: null,           // hls.js | native
    currentTime: 0,
    decodedFrames: 0,
    droppedFrames: 0,
    fatalError: null,       // text of the last fatal error, null when none
    latencySeconds: null,   // hls.js: live edge minus playhead
    targetLatencySeconds: null,
    programDateTimeLatencySeconds: null, // wall clock minus EXT-X-PROGRAM-DATE-TIME of the playing frame
    bufferSeconds: 0,
    resolution: null,       // "1280x720"
    events: [],             // {t: ms since page load, type, detail}
    recordings: []          // the playback listing: [{path, playlist, recordings: [{start, duration, url, ...}]}]
  };

  let hls = null;
  let pc = null;            // the WHEP peer connection while playing WebRTC
  let whepResource = null;  // its session URL, DELETEd on stop
  let streams = [];
  let figures = new Map();  // stream path -> its entry of /v1/streams (tracks, bitrate, fps, source...)

  function event(type, detail, isError) {
    const e = { t: Math.round(performance.now()), type: type, detail: detail == null ? '' : String(detail) };
    cm.events.push(e);
    if (cm.events.length > MAX_EVENTS) cm.events.shift();
    const log = $('log');
    const line = document.createElement('div');
    if (isError) line.className = 'error';
    line.textContent = (e.t / 1000).toFixed(1).padStart(7) + ' s  ' + type + (e.detail ? '  ' + e.detail : '');
    log.appendChild(line);
    while (log.childNodes.length > MAX_EVENTS) log.removeChild(log.firstChild);
    log.scrollTop = log.scrollHeight;
    if (isError) console.warn('cmPlayer', type, e.detail);
  }

  function setState(state) {
    if (cm.state === state) return;
    cm.state = state;
    const badge = $('state-badge');
    badge.textContent = state;
    badge.className = 'badge state-' + state;
    $('overlay').textContent = state === 'loading' ? 'Loading…' : state === 'error' ? (cm.fatalError || 'Error') : '';
    event('state', state);
  }

  function fatal(message) {
    cm.fatalError = message;
    $('errors').textContent = '— ' + message;
    event('fatal', message, true);
    setState('error');
  }

  // ---- stream list ----------------------------------------------------------------------------------

  async function refreshList() {
    try {
      const res = await fetch(streamsUrl, { cache: 'no-store', headers: auth });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      const list = await res.json();
      streams = Array.isArray(list) ? list : [];
      // the default routes also serve every live stream over WebRTC (WHEP) at /whep/<path>
      const live = [...new Set(streams.filter((s) => s.live).map((s) => s.path))];
      for (const path of live) streams.push({ path: path, url: '/whep/' + path, format: 'webrtc', live: true });
    } catch (err) {
      streams = [];
      renderList('Cannot load the stream list from ' + streamsUrl + ' (' + err.message + ')');
      return;
    }
    figures = await loadFigures();
    // streams the API knows that no HLS origin lists (yet) still play over WebRTC
    for (const path of figures.keys()) {
      if (!streams.some((s) => s.path === path)) streams.push({ path: path, url: '/whep/' + path, format: 'webrtc', live: true });
    }
    renderList();
    autoPlayFromQuery();
  }

  async function loadFigures() {
    try {
      const res = await fetch(apiStreamsUrl, { cache: 'no-store', headers: auth });
      if (!res.ok) return new Map();
      const body = await res.json();
      return new Map((body.streams || []).map((s) => [s.path, s]));
    } catch (err) {
      return new Map();   // another origin's list (?streams=) has no API beside it: no figures, still playable
    }
  }

  // "H264 640x360 · OPUS 48 kHz · 1.2 Mb/s · 25 fps · whip · 1:05"
  function describeFigures(f) {
    const parts = (f.tracks || []).map((t) => t.type === 'video' ? t.codec + ' ' + t.width + 'x' + t.height
      : t.type === 'audio' ? t.codec + ' ' + Math.round(t.sampleRate / 1000) + ' kHz' : t.codec);
    if (f.bitrate) parts.push((f.bitrate / 1e6).toFixed(f.bitrate >= 1e7 ? 0 : 1) + ' Mb/s');
    if (f.fps) parts.push(Math.round(f.fps) + ' fps');
    if (f.source) parts.push(f.source);
    const up = Math.floor((f.uptimeMs || 0) / 1000);
    parts.push(Math.floor(up / 60) + ':' + String(up % 60).padStart(2, '0'));
    const viewers = Object.values(f.readers || {}).reduce((a, b) => a + b, 0);
    if (viewers) parts.push(viewers + (viewers === 1 ? ' reader' : ' readers'));
    return parts.join(' · ');
  }

  function renderList(problem) {
    const ul = $('stream-list');
    ul.replaceChildren();
    if (problem || streams.length === 0) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = problem || 'No live streams. Publish one, for example:';
      if (!problem) {
        const code = document.createElement('code');
        code.textContent = 'ffmpeg -re -i input.mp4 -c:v libx264 -c:a aac -f flv rtmp://' + location.hostname + '/live/test';
        li.appendChild(code);
      }
      ul.appendChild(li);
      return;
    }
    const byPath = new Map();
    for (const s of streams) {
      if (!byPath.has(s.path)) byPath.set(s.path, []);
      byPath.get(s.path).push(s);
    }
    for (const [path, variants] of byPath) {
      const li = document.createElement('li');
      if (path === cm.stream) li.className = 'current';
      const name = document.createElement('div');
      name.className = 'path';
      name.textContent = path;
      const formats = document.createElement('div');
      formats.className = 'formats';
      for (const s of variants) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = formatLabel(s);
        b.title = s.url;
        if (path === cm.stream && s.format === cm.format) b.className = 'playing';
        b.addEventListener('click', () => {
          playStream(s);
          const q = new URLSearchParams(location.search);
          q.delete('src');
          q.set('stream', s.path);
          q.set('format', s.format);
          history.replaceState(null, '', '?' + q.toString());
        });
        formats.appendChild(b);
      }
      if (variants.some((v) => v.live)) li.append(thumbnail(path));
      li.append(name);
      if (figures.has(path)) {
        const stats = document.createElement('div');
        stats.className = 'stats';
        stats.textContent = describeFigures(figures.get(path));
        li.append(stats);
      }
      li.append(formats);
      ul.appendChild(li);
    }
  }

  // the stream's latest key frame (media:snapshot?serve=true), fetched again with every list refresh;
  // hidden when there is none (audio only, no key frame yet)
  function thumbnail(path) {
    const img = document.createElement('img');
    img.className = 'thumb';
    img.alt = '';
    img.width = 160;
    img.addEventListener('error', () => { img.hidden = true; });
    const u = new URL('/snapshot/' + encodeURI(path) + '.jpg', location.href);
    u.searchParams.set('width', '160');
    u.searchParams.set('t', Date.now().toString());
    img.src = withToken(u.href);
    return img;
  }

  function formatLabel(s) {
    if (s.format === 'webrtc') return 'WebRTC';
    const f = s.format === 'fmp4' ? 'fMP4' : s.format === 'mpegts' ? 'MPEG-TS' : String(s.format);
    return s.lowLatency ? f + ' · LL-HLS' : f;
  }

  // ?stream=&format=: play it once it is listed (it may go live after the page opened)
  function autoPlayFromQuery() {
    const wanted = params.get('stream');
    if (!wanted || params.get('src') || cm.stream === wanted) return;
    const format = params.get('format');
    const candidates = streams.filter((s) => s.path === wanted);
    const s = candidates.find((c) => c.format === format) || (format ? null : candidates[0]);
    if (s) playStream(s);
  }

  function playStream(s) {
    cm.stream = s.path;
    cm.format = s.format;
    if (s.format === 'webrtc') playWhep(new URL(s.url, location.href).href);
    else play(new URL(s.url, streamsUrl).href, !!s.lowLatency);
    $('now-playing').textContent = s.path;
    const fb = $('format-badge');
    fb.textContent = formatLabel(s);
    fb.hidden = false;
    renderList();
  }

  // ---- playback -------------------------------------------------------------------------------------

  function stop() {
    if (hls) {
      hls.destroy();
      hls = null;
    }
    if (pc) {
      pc.close();
      pc = null;
      if (whepResource) fetch(whepResource, { method: 'DELETE' }).catch(() => {});
      whepResource = null;
      video.srcObject = null;
    }
    video.removeAttribute('src');
    video.load();
    Object.assign(cm, {
      fatalError: null, latencySeconds: null, targetLatencySeconds: null,
      programDateTimeLatencySeconds: null, resolution: null, engine: null
    });
    $('errors').textContent = '';
  }

  function play(url, lowLatency) {
    stop();
    cm.url = url;
    cm.lowLatency = lowLatency;
    video.controls = true;
    event('load', url + (lowLatency ? ' (low latency)' : ''));
    setState('loading');
    if (window.Hls && Hls.isSupported()) {
      cm.engine = 'hls.js';
      hls = new Hls({ lowLatencyMode: lowLatency, backBufferLength: 30 });
      hookHls(hls);
      hls.loadSource(withToken(url));
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      cm.engine = 'native';   // Safari: HLS (and LL-HLS) in the video element itself
      video.src = withToken(url);
    } else {
      fatal('This browser can play HLS neither with MediaSource (hls.js) nor natively');
      return;
    }
    $('s-engine').textContent = cm.engine + (window.Hls && cm.engine === 'hls.js' ? ' ' + Hls.version : '');
    start();
  }

  // WebRTC over WHEP (RFC 9725 semantics): POST our offer, apply the answer; the server is ICE-lite
  async function playWhep(url) {
    stop();
    cm.url = url;
    cm.lowLatency = true;
    cm.engine = 'webrtc';
    video.controls = true;
    event('load', url + ' (WHEP)');
    setState('loading');
    const conn = pc = new RTCPeerConnection();
    conn.addTransceiver('video', { direction: 'recvonly' });
    conn.addTransceiver('audio', { direction: 'recvonly' });
    const ms = new MediaStream();
    conn.ontrack = (e) => { ms.addTrack(e.track); video.srcObject = ms; event('track', e.track.kind); };
    conn.onconnectionstatechange = () => {
      event('webrtc', conn.connectionState, conn.connectionState === 'failed');
      if (conn.connectionState === 'failed') fatal('WebRTC connection failed');
    };
    try {
      await conn.setLocalDescription(await conn.createOffer());
      const r = await fetch(url, { method: 'POST', headers: Object.assign({ 'Content-Type': 'application/sdp' }, auth), body: conn.localDescription.sdp });
      if (r.status !== 201) { fatal('WHEP ' + r.status + ': ' + (await r.text()).trim()); return; }
      const loc = r.headers.get('Location');
      whepResource = loc ? new URL(loc, url).href : null;
      await conn.setRemoteDescription({ type: 'answer', sdp: await r.text() });
    } catch (err) {
      fatal('WHEP: ' + err.message);
      return;
    }
    $('s-engine').textContent = 'WebRTC (WHEP)';
    start();
  }

  // WebRTC latency as the receiver sees it: jitter buffer delay plus half the round trip
  async function whepStats() {
    if (!pc) return;
    const stats = await pc.getStats();
    let jb = null, rtt = null;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video' && s.jitterBufferEmittedCount) {
        jb = s.jitterBufferDelay / s.jitterBufferEmittedCount;
      }
      if (s.type === 'candidate-pair' && s.nominated && s.currentRoundTripTime != null) rtt = s.currentRoundTripTime;
    });
    cm.latencySeconds = jb == null ? null : jb + (rtt || 0) / 2;
  }

  function start() {
    const p = video.play();
    if (!p) return;
    p.catch((err) => {
      if (err.name === 'NotAllowedError') {
        // autoplay with sound needs a click; start muted, the controls unmute
        event('autoplay', 'blocked with sound, playing muted');
        video.muted = true;
        video.play().catch((e) => event('play', e.message, true));
      } else if (err.name !== 'AbortError') {
        event('play', err.message, true);
      }
    });
  }

  function hookHls(h) {
    const E = Hls.Events;
    h.on(E.MANIFEST_PARSED, (_, d) => event('manifest', d.levels.length + ' level(s)'));
    h.on(E.LEVEL_SWITCHED, (_, d) => {
      const l = h.levels[d.level];
      if (l) event('level', (l.width && l.height ? l.width + 'x' + l.height + ' ' : '') + (l.codecs || ''));
    });
    let described = false;
    h.on(E.LEVEL_LOADED, (_, d) => {
      if (d.details && !described) {
        described = true;
        event('playlist', (d.details.live ? 'live' : 'vod') + ', target duration ' + d.details.targetduration + ' s'
          + (d.details.partTarget ? ', part target ' + d.details.partTarget + ' s' : ''));
      }
    });
    h.on(E.ERROR, (_, d) => {
      const what = d.type + ': ' + d.details + (d.response && d.response.code ? ' (HTTP ' + d.response.code + ')' : '');
      if (!d.fatal) {
        event('error', what, true);
        return;
      }
      if (d.type === Hls.ErrorTypes.MEDIA_ERROR && !h._recovered) {
        h._recovered = true;   // one decoder reset (hls.js' recommended recovery), then give up
        fatal(what + ' — recovering');
        h.recoverMediaError();
        return;
      }
      fatal(what);
      h.destroy();
      if (hls === h) hls = null;
    });
  }

  video.addEventListener('playing', () => setState('playing'));
  video.addEventListener('waiting', () => { if (cm.state !== 'error') setState('buffering'); });
  video.addEventListener('pause', () => { if (!video.ended && cm.state !== 'error') setState('paused'); });
  video.addEventListener('ended', () => setState('ended'));
  video.addEventListener('resize', () => event('resolution', video.videoWidth + 'x' + video.videoHeight));
  video.addEventListener('error', () => {
    const e = video.error;
    // an element emptied by stop() has no source: nothing to report
    if (e && cm.url && video.currentSrc) fatal('media error ' + e.code + (e.message ? ': ' + e.message : ''));
  });
  video.addEventListener('timeupdate', updateStats);

  // ---- numbers ----------------------------------------------------------------------------------------

  function bufferAhead() {
    const t = video.currentTime;
    for (let i = 0; i < video.buffered.length; i++) {
      if (video.buffered.start(i) <= t + 0.1 && t <= video.buffered.end(i)) return video.buffered.end(i) - t;
    }
    return 0;
  }

  function playingDate() {
    if (hls) return hls.playingDate || null;
    if (cm.engine === 'native' && video.getStartDate) {
      const start = video.getStartDate().getTime();
      if (!isNaN(start)) return new Date(start + video.currentTime * 1000);
    }
    return null;
  }

  function hlsLive() {
    if (!hls || !hls.levels) return false;
    const level = hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : 0];
    return !!(level && level.details && level.details.live);
  }

  function updateStats() {
    cm.currentTime = video.currentTime;
    if (video.getVideoPlaybackQuality) {
      const q = video.getVideoPlaybackQuality();
      cm.decodedFrames = q.totalVideoFrames;
      cm.droppedFrames = q.droppedVideoFrames;
    } else if (video.webkitDecodedFrameCount !== undefined) {
      cm.decodedFrames = video.webkitDecodedFrameCount;
      cm.droppedFrames = video.webkitDroppedFrameCount;
    }
    cm.bufferSeconds = bufferAhead();
    cm.resolution = video.videoWidth ? video.videoWidth + 'x' + video.videoHeight : null;
    const live = hlsLive();   // hls.js reports latency 0 for VOD: show nothing instead
    if (pc) whepStats();
    else cm.latencySeconds = live && isFinite(hls.latency) ? hls.latency : null;
    cm.targetLatencySeconds = live && hls.targetLatency != null ? hls.targetLatency : null;
    const pdt = playingDate();
    cm.programDateTimeLatencySeconds = pdt ? (Date.now() - pdt.getTime()) / 1000 : null;

    $('s-latency').textContent = seconds(cm.latencySeconds);
    $('s-target').textContent = seconds(cm.targetLatencySeconds);
    $('s-pdt').textContent = seconds(cm.programDateTimeLatencySeconds);
    $('s-buffer').textContent = cm.url ? seconds(cm.bufferSeconds) : '–';
    $('s-resolution').textContent = cm.resolution || '–';
    $('s-frames').textContent = cm.url ? cm.decodedFrames + ' / ' + cm.droppedFrames : '–';
    $('s-time').textContent = cm.url ? seconds(cm.currentTime) : '–';
  }

  function seconds(v) {
    return v == null ? '–' : v.toFixed(2) + ' s';
  }

  // ---- recordings (playback: at /recordings) --------------------------------------------------------

  async function refreshRecordings() {
    let list;
    try {
      const res = await fetch(recordingsUrl, { cache: 'no-store', headers: auth });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      list = await res.json();
    } catch (err) {
      $('recordings').hidden = true;   // no playback route in this app: nothing to show
      return;
    }
    cm.recordings = Array.isArray(list.streams) ? list.streams : [];
    $('recordings').hidden = false;
    renderRecordings();
  }

  function renderRecordings() {
    const ul = $('recording-list');
    ul.replaceChildren();
    if (cm.recordings.length === 0) {
      const li = document.createElement('li');
      li.className = 'empty';
      li.textContent = 'No recordings yet.';
      ul.appendChild(li);
      return;
    }
    for (const s of cm.recordings) {
      const li = document.createElement('li');
      const name = document.createElement('div');
      name.className = 'path';
      name.textContent = s.path;
      const buttons = document.createElement('div');
      buttons.className = 'formats';
      buttons.appendChild(recordingButton('All', s.path, new URL(s.playlist, recordingsUrl).href));
      for (const r of s.recordings.slice(-MAX_RECORDINGS_SHOWN)) {
        if (!/\.mp4(\.part)?$/.test(r.url)) {
          // live MPEG-TS / WebM recordings are not in the HLS VOD playlists: the file itself (WebM plays in the
          // video element; a .ts file is offered as a download)
          buttons.appendChild(fileButton(r, new URL(r.url, recordingsUrl).href, s.path));
          continue;
        }
        const url = new URL(s.playlist, recordingsUrl);
        url.searchParams.set('start', r.start);
        url.searchParams.set('duration', String(Math.max(r.duration, 0.001)));
        const label = r.start.replace('T', ' ').replace(/\.\d+Z$|Z$/, '').slice(5) + ' · ' + Math.round(r.duration) + ' s'
          + (r.inProgress ? ' ●' : '');
        buttons.appendChild(recordingButton(label, s.path, url.href, r));
      }
      li.append(name, buttons);
      ul.appendChild(li);
    }
  }

  function fileButton(r, fileUrl, path) {
    const label = r.start.replace('T', ' ').replace(/\.\d+Z$|Z$/, '').slice(5) + ' · ' + r.url.split('.').pop().toUpperCase();
    if (!/\.webm(\.part)?$/.test(r.url)) {
      const a = document.createElement('a');
      a.href = withToken(fileUrl);
      a.className = 'when';
      a.textContent = label + ' ↓';
      a.title = r.url + ' (' + r.size + ' bytes)';
      return a;
    }
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cm.url === fileUrl ? 'playing when' : 'when';
    b.textContent = label;
    b.title = r.url + ' (' + r.size + ' bytes)';
    b.addEventListener('click', () => {
      stop();
      cm.stream = path;
      cm.format = 'vod';
      cm.url = fileUrl;
      cm.engine = 'native';
      video.controls = true;
      video.src = withToken(fileUrl);   // the browser plays WebM (VP8/VP9/AV1 + Opus) itself, seeking with Range
      video.play().catch((err) => event('play', err.message, true));
      $('now-playing').textContent = path + ' @ ' + r.start;
      renderRecordings();
    });
    return b;
  }

  function recordingButton(label, path, playlistUrl, recording) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cm.url === playlistUrl ? 'playing when' : 'when';
    b.textContent = label;
    b.title = recording ? recording.url + ' (' + recording.size + ' bytes)' : playlistUrl;
    b.addEventListener('click', () => {
      cm.stream = path;
      cm.format = 'vod';
      play(playlistUrl, false);
      $('now-playing').textContent = path + (recording ? ' @ ' + recording.start : ' (recordings)');
      const fb = $('format-badge');
      fb.textContent = 'Recording · HLS VOD';
      fb.hidden = false;
      renderList();
      renderRecordings();
    });
    return b;
  }

  // ---- start ------------------------------------------------------------------------------------------

  const src = params.get('src');
  if (src) {
    const url = new URL(src, location.href).href;
    $('now-playing').textContent = url.split('/').slice(-2).join('/');
    play(url, params.get('ll') !== '0');
  }
  refreshList();
  setInterval(refreshList, LIST_REFRESH_MS);
  refreshRecordings();
  setInterval(refreshRecordings, RECORDINGS_REFRESH_MS);
  setInterval(updateStats, STATS_REFRESH_MS);
})();

/**
 * The worker page's client: plain ES2017, no build step, served by routes/crowd-worker.ts at /crowd/assets/work.js.
 * It asks for a task, draws the grid (click, tap or keyboard to toggle; "v" or the magnifier for a larger view),
 * measures time on task and submits, then asks for the next one. It only ever sees opaque image ids.
 */
export const CROWD_WORK_SCRIPT = String.raw`(function () {
  'use strict';
  var cfg = JSON.parse(document.getElementById('crowd-config').textContent);
  var $ = function (id) { return document.getElementById(id); };
  var state = { task: null, selected: {}, startedAt: 0, busy: false, submitted: 0, practice: null, feedback: null };
  var base = '/api/crowd/projects/' + encodeURIComponent(cfg.project);

  function post(path, body) {
    return fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) { return res.json().then(function (data) { return { ok: res.ok, status: res.status, data: data }; }); });
  }
  function status(text, isError) {
    var el = $('status');
    el.textContent = text;
    el.className = isError ? 'status error' : 'status';
  }
  function count() {
    var n = Object.keys(state.selected).length;
    $('count').textContent = n + (n === 1 ? ' image selected' : ' images selected');
  }

  function next() {
    state.busy = true;
    $('submit').disabled = true;
    status('Loading the next task…');
    post('/api/crowd/projects/' + encodeURIComponent(cfg.project) + '/next', { study: cfg.study, session: cfg.session })
      .then(function (r) {
        state.busy = false;
        if (!r.ok) return status(r.data.error || 'Something went wrong (' + r.status + ').', true);
        if (r.data.kind === 'done') return finish(r.data);
        if (r.data.kind === 'qualification') return r.data.state === 'failed' ? failedPractice(null) : practice();
        render(r.data);
      })
      .catch(function () { state.busy = false; status('Network error: check your connection and reload the page.', true); });
  }

  function render(t) {
    state.task = t;
    state.practice = t.kind === 'practice' ? t : null;
    state.feedback = null;
    state.selected = {};
    $('practice-banner').hidden = !state.practice;
    if (state.practice) {
      $('practice-banner').textContent = 'Practice ' + (t.grid.index + 1) + ' of ' + t.grid.grids + ' (attempt ' + t.attempt.number + ' of ' + t.attempt.attempts +
        '): these images have known answers. Answer at least ' + Math.round(t.attempt.minAccuracy * 100) + '% of the practice images right to go on to the real tasks.';
    }
    $('submit').textContent = state.practice ? 'Check my answers' : 'Submit and continue';
    $('question').textContent = t.task.question;
    $('definition').textContent = 'Definition: ' + t.task.definition;
    var ul = $('instructions');
    ul.innerHTML = '';
    t.task.instructions.forEach(function (line) { var li = document.createElement('li'); li.textContent = line; ul.appendChild(li); });
    var grid = $('grid');
    grid.innerHTML = '';
    t.images.forEach(function (img, i) {
      var tile = document.createElement('div');
      tile.className = 'tile';
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'pick';
      b.setAttribute('aria-pressed', 'false');
      b.setAttribute('data-id', img.id);
      b.setAttribute('aria-label', 'Image ' + (i + 1));
      b.tabIndex = i === 0 ? 0 : -1;
      var im = document.createElement('img');
      im.src = img.url;
      im.alt = 'Image ' + (i + 1);
      im.draggable = false;
      b.appendChild(im);
      b.addEventListener('click', function () { toggle(b); });
      var zoom = document.createElement('button');
      zoom.type = 'button';
      zoom.className = 'zoom';
      zoom.tabIndex = -1;
      zoom.setAttribute('aria-label', 'Larger view of image ' + (i + 1));
      zoom.textContent = '⤢';
      zoom.addEventListener('click', function () { enlarge(img.url, i); });
      tile.appendChild(b);
      tile.appendChild(zoom);
      grid.appendChild(tile);
    });
    $('task').hidden = false;
    $('done').hidden = true;
    $('submit').disabled = false;
    count();
    status(t.assignment && t.assignment.resumed ? 'You already had this task open; your earlier clicks were not saved.' : '');
    var n = typeof t.submitted === 'number' ? t.submitted : state.submitted;
    $('progress').textContent = n > 0 ? n + ' task' + (n === 1 ? '' : 's') + ' submitted' : '';
    state.startedAt = performance.now();
    window.scrollTo(0, 0);
  }

  function toggle(b) {
    if (state.feedback) return;
    var id = b.getAttribute('data-id');
    var on = !state.selected[id];
    if (on) state.selected[id] = true; else delete state.selected[id];
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    count();
  }

  function enlarge(url, i) {
    $('lightbox-img').src = url;
    $('lightbox-img').alt = 'Image ' + (i + 1) + ', larger';
    $('lightbox').hidden = false;
    $('lightbox-close').focus();
    state.zoomFrom = i;
  }
  function closeLightbox() {
    $('lightbox').hidden = true;
    var picks = document.querySelectorAll('#grid .pick');
    if (picks[state.zoomFrom]) picks[state.zoomFrom].focus();
  }

  // Practice: ask for the current practice grid (or learn that none is needed / none is left).
  function practice() {
    state.busy = true;
    $('submit').disabled = true;
    status('Loading the practice…');
    post(base + '/practice', {}).then(function (r) {
      state.busy = false;
      if (!r.ok) return status(r.data.error || 'Something went wrong (' + r.status + ').', true);
      if (r.data.kind === 'qualified') return next();
      if (r.data.kind === 'failed') return failedPractice(r.data);
      render(r.data);
    }).catch(function () { state.busy = false; status('Network error: check your connection and reload the page.', true); });
  }

  function checkPractice() {
    state.busy = true;
    $('submit').disabled = true;
    var p = state.practice;
    post(base + '/practice/answer', { attempt: p.attempt.id, grid: p.grid.index, selected: Object.keys(state.selected) }).then(function (r) {
      state.busy = false;
      if (!r.ok) { $('submit').disabled = false; return status(r.data.error || 'Checking failed (' + r.status + ').', true); }
      state.feedback = r.data;
      var wrong = {};
      r.data.mistakes.forEach(function (m) { wrong[m.id] = m.expected; });
      Array.prototype.forEach.call(document.querySelectorAll('#grid .tile'), function (tile) {
        var id = tile.querySelector('.pick').getAttribute('data-id');
        if (!(id in wrong)) return;
        tile.className = 'tile wrong';
        var why = document.createElement('span');
        why.className = 'why';
        why.textContent = wrong[id] ? 'should be selected' : 'should not be selected';
        tile.appendChild(why);
      });
      var g = r.data.grid;
      var text = g.correct + ' of ' + g.total + ' right.' + (r.data.mistakes.length ? ' The images marked in red were answered wrongly.' : ' No mistakes.');
      var res = r.data.result;
      if (res) text += res.passed ? ' You passed the practice (' + res.correct + ' of ' + res.total + ' right).' : ' You did not pass the practice (' + res.correct + ' of ' + res.total + ' right).';
      status(text, false);
      $('submit').textContent = 'Continue';
      $('submit').disabled = false;
    }).catch(function () { state.busy = false; $('submit').disabled = false; status('Network error: your answer was not checked; try again.', true); });
  }

  function afterFeedback() {
    var res = state.feedback.result;
    state.feedback = null;
    if (!res) return practice();
    if (res.passed) return next();
    failedPractice(res);
  }

  function failedPractice(res) {
    $('task').hidden = true;
    $('practice-banner').hidden = true;
    $('done').hidden = false;
    $('submit').disabled = !(res && res.attemptsLeft > 0);
    $('submit').textContent = 'Try the practice again';
    state.task = null;
    state.retry = Boolean(res && res.attemptsLeft > 0);
    var score = res && res.total ? ' (' + res.correct + ' of ' + res.total + ' right; ' + Math.round(res.minAccuracy * 100) + '% needed)' : '';
    $('done-text').textContent = 'You did not pass the practice' + score + '. ' + (state.retry
      ? 'You may try again (' + res.attemptsLeft + ' attempt' + (res.attemptsLeft === 1 ? '' : 's') + ' left).'
      : 'You have no practice attempts left, so there are no tasks for you in this project. Thank you for your time.');
    status('');
  }

  function submit() {
    if (state.retry) { state.retry = false; return practice(); }
    if (state.feedback) return afterFeedback();
    if (state.practice && !state.busy) return checkPractice();
    if (!state.task || state.busy) return;
    state.busy = true;
    $('submit').disabled = true;
    status('Submitting…');
    var ms = Math.round(performance.now() - state.startedAt);
    post('/api/crowd/assignments/' + state.task.assignment.id + '/submit', { selected: Object.keys(state.selected), durationMs: ms })
      .then(function (r) {
        state.busy = false;
        if (!r.ok) { $('submit').disabled = false; return status(r.data.error || 'Submit failed (' + r.status + ').', true); }
        state.submitted++;
        next();
      })
      .catch(function () { state.busy = false; $('submit').disabled = false; status('Network error: your answer was not saved; try again.', true); });
  }

  function finish(d) {
    $('task').hidden = true;
    $('practice-banner').hidden = true;
    $('done').hidden = false;
    status('');
    $('done-text').textContent = d.reason === 'session-complete' || d.completionCode
      ? 'Thank you, you have finished this session (' + d.submitted + ' task' + (d.submitted === 1 ? '' : 's') + ').'
      : 'There are no more tasks for you right now. Thank you!';
    if (d.completionCode) { $('code').textContent = d.completionCode; $('code-box').hidden = false; }
    if (d.redirectUrl) {
      var a = $('redirect');
      a.href = d.redirectUrl;
      a.hidden = false;
      setTimeout(function () { window.location.assign(d.redirectUrl); }, 4000);
    }
  }

  // Keyboard: arrows move between images (roving tabindex), Space/Enter toggles, v enlarges, Escape closes.
  document.addEventListener('keydown', function (e) {
    if (!$('lightbox').hidden) { if (e.key === 'Escape' || e.key === 'v') { e.preventDefault(); closeLightbox(); } return; }
    var picks = Array.prototype.slice.call(document.querySelectorAll('#grid .pick'));
    var i = picks.indexOf(document.activeElement);
    if (i < 0) return;
    var cols = Math.max(1, Math.round($('grid').clientWidth / picks[0].parentNode.clientWidth));
    var to = { ArrowRight: i + 1, ArrowLeft: i - 1, ArrowDown: i + cols, ArrowUp: i - cols, Home: 0, End: picks.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      to = Math.max(0, Math.min(picks.length - 1, to));
      picks[i].tabIndex = -1;
      picks[to].tabIndex = 0;
      picks[to].focus();
    } else if (e.key === 'v') {
      e.preventDefault();
      enlarge(state.task.images[i].url, i);
    }
  });
  $('submit').addEventListener('click', submit);
  $('lightbox-close').addEventListener('click', closeLightbox);
  $('lightbox').addEventListener('click', function (e) { if (e.target === $('lightbox')) closeLightbox(); });
  next();
})();
`;

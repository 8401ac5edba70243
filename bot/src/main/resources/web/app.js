/* salescope web page: login with a token, chat, dashboard, tasks, notifications. Plain JS, no build step.
   Everything from the server is inserted as text (never as HTML). */
(function () {
  'use strict';

  var TEXT = {
    en: {
      chat: 'Chat', dashboard: 'Dashboard', notifications: 'Notifications', logout: 'Log out',
      loginTitle: 'Log in', token: 'Token', login: 'Log in',
      loginHelp: 'Paste the login token you were given (an administrator makes one with: salescope token --user EMAIL).',
      askPlaceholder: 'Ask about your sales, e.g. win rate this quarter', ask: 'Ask',
      period: 'Period', thisQuarter: 'This quarter', lastQuarter: 'Last quarter', thisYear: 'This year', lastYear: 'Last year',
      funnel: 'Stage funnel', funnelNote: 'Share of opportunities created in the period that reached each stage',
      bookingsVsQuota: 'Bookings vs quota', forecast: 'Forecast', forecastNote: 'Expected bookings with 80% interval',
      pipeline: 'Open pipeline by stage', noNotifications: 'No notifications yet.',
      bookings: 'Bookings', quota: 'Quota', attainment: 'Attainment', expected: 'Forecast', interval: '80% interval',
      noForecast: 'No forecast has been published yet.', sql: 'SQL', label: 'Item', value: 'Value',
      periodLabel: 'Period', scope: 'Scope', readAs: 'Read as', thinking: 'Thinking…', noData: 'No data',
      failed: 'Something went wrong: ', badToken: 'That token was not accepted: ', loggedOut: 'Logged out.',
      examples: ['Total closed-won revenue this quarter?', 'Win rate last quarter', 'Bookings by team this year',
        'Open pipeline by stage', 'My tasks', 'Weekly report'],
      tasks: 'Tasks', myTasks: 'My tasks', teamTasks: "My team's tasks", overdueOnly: 'Overdue only',
      done: 'Done', snoozeHour: 'Snooze 1 h', snoozeDay: 'Snooze 1 day', markedDone: 'Done.',
      snoozedUntil: 'Reminded again ', due: 'due ', overdue: 'overdue', noTasks: 'No open tasks.',
      kinds: { overdue: 'overdue', due_soon: 'due soon', assigned: 'new task', daily_digest: 'digest', weekly_report: 'report' }
    },
    zh: {
      chat: '问答', dashboard: '仪表盘', notifications: '通知', logout: '退出',
      loginTitle: '登录', token: '令牌', login: '登录',
      loginHelp: '请粘贴你收到的登录令牌（管理员可用 salescope token --user EMAIL 生成）。',
      askPlaceholder: '问问你的销售数据，例如：本季度赢单率', ask: '提问',
      period: '期间', thisQuarter: '本季度', lastQuarter: '上季度', thisYear: '今年', lastYear: '去年',
      funnel: '阶段漏斗', funnelNote: '期间内新建商机到达各阶段的比例',
      bookingsVsQuota: '成交额与指标', forecast: '业绩预测', forecastNote: '预计成交额及 80% 区间',
      pipeline: '各阶段在手管道', noNotifications: '暂无通知。',
      bookings: '成交额', quota: '指标', attainment: '完成率', expected: '预测', interval: '80% 区间',
      noForecast: '尚未发布预测。', sql: 'SQL', label: '项目', value: '数值',
      periodLabel: '期间', scope: '范围', readAs: '理解为', thinking: '正在查询…', noData: '无数据',
      failed: '出错了：', badToken: '令牌无效：', loggedOut: '已退出。',
      examples: ['本季度的成交金额是多少？', '上季度赢单率', '今年各团队的成交金额', '各阶段的在手管道', '我的任务', '周报'],
      tasks: '任务', myTasks: '我的任务', teamTasks: '团队的任务', overdueOnly: '只看逾期',
      done: '完成', snoozeHour: '1 小时后提醒', snoozeDay: '明天再提醒', markedDone: '已完成。',
      snoozedUntil: '再次提醒：', due: '截止 ', overdue: '逾期', noTasks: '没有未完成的任务。',
      kinds: { overdue: '逾期', due_soon: '即将到期', assigned: '新任务', daily_digest: '摘要', weekly_report: '报告' }
    }
  };

  var state = { lang: localStorage.getItem('salescope.lang') || 'en', token: null, me: null, view: 'chat', charts: {} };

  function $(id) { return document.getElementById(id); }
  function t(key) { return (TEXT[state.lang] && TEXT[state.lang][key]) || TEXT.en[key] || key; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // ---------------------------------------------------------------- formatting
  function fmt(value, unit, lang) {
    if (value === null || value === undefined) { return t('noData'); }
    var n = Number(value);
    switch (unit) {
      case 'ratio': return (n * 100).toFixed(1) + '%';
      case 'count': return Math.round(n).toLocaleString('en-US');
      case 'days': return n.toFixed(1) + (lang === 'zh' ? ' 天' : ' days');
      case 'money_per_day': return Math.round(n).toLocaleString('en-US') + (lang === 'zh' ? '/天' : ' per day');
      case 'money': return Math.round(n).toLocaleString('en-US');
      default: return String(n);
    }
  }
  function compact(n) {
    var a = Math.abs(n);
    if (a >= 1e9) { return (n / 1e9).toFixed(1) + 'B'; }
    if (a >= 1e6) { return (n / 1e6).toFixed(1) + 'M'; }
    if (a >= 1e3) { return (n / 1e3).toFixed(0) + 'k'; }
    return String(Math.round(n));
  }

  // ---------------------------------------------------------------- i18n
  function applyLanguage() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(function (e) { e.textContent = t(e.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (e) {
      e.setAttribute('placeholder', t(e.getAttribute('data-i18n-placeholder')));
    });
    $('lang-switch').textContent = state.lang === 'zh' ? 'EN' : '中文';
    renderExamples();
    if (state.view === 'dashboard' && state.me) { loadDashboard(); }
  }

  // ---------------------------------------------------------------- API
  function api(method, path, body) {
    var opts = { method: method, headers: { 'Authorization': 'Bearer ' + state.token, 'Accept': 'application/json',
      'Accept-Language': state.lang === 'zh' ? 'zh-CN' : 'en' } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(path, opts).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = { error: 'bad_response', message: text }; }
        if (r.status === 401) { showLogin(json && json.message); }
        return { status: r.status, body: json || {} };
      });
    });
  }

  // ---------------------------------------------------------------- login
  function showLogin(message) {
    state.me = null;
    ['chat', 'dashboard', 'tasks', 'notifications'].forEach(function (v) { $(v).hidden = true; });
    $('tabs').hidden = true;
    $('logout').hidden = true;
    $('who').textContent = '';
    $('login').hidden = false;
    $('login-error').hidden = !message;
    $('login-error').textContent = message ? t('badToken') + message : '';
  }

  function login(token) {
    state.token = token;
    return api('GET', '/api/me').then(function (r) {
      if (r.status !== 200) {
        localStorage.removeItem('salescope.token');
        if (r.status !== 401) { showLogin(r.body.message || ('HTTP ' + r.status)); }
        return;
      }
      localStorage.setItem('salescope.token', token);
      state.me = r.body;
      if (!localStorage.getItem('salescope.lang') && r.body.locale === 'zh') {
        state.lang = 'zh';
        applyLanguage();
      }
      $('login').hidden = true;
      $('tabs').hidden = false;
      $('logout').hidden = false;
      $('who').textContent = r.body.name + ' · ' + r.body.role + (r.body.team ? ' · ' + r.body.team : '');
      // Reps see only their own tasks.
      $('task-scope').querySelector('option[value="team"]').hidden = r.body.role === 'rep';
      show(state.view);
      loadNotifications();
    });
  }

  // ---------------------------------------------------------------- views
  function show(view) {
    state.view = view;
    ['chat', 'dashboard', 'tasks', 'notifications'].forEach(function (v) {
      $(v).hidden = v !== view;
      $('tab-' + v).classList.toggle('active', v === view);
    });
    if (view === 'dashboard') { loadDashboard(); }
    if (view === 'tasks') { loadTasks(); }
    if (view === 'notifications') { loadNotifications(); }
    if (view === 'chat') { $('question').focus(); }
  }

  // ---------------------------------------------------------------- chat
  function renderExamples() {
    var box = $('examples');
    box.textContent = '';
    t('examples').forEach(function (q) {
      var b = el('button', null, q);
      b.type = 'button';
      b.addEventListener('click', function () { ask(q); });
      box.appendChild(b);
    });
  }

  function ask(question) {
    question = (question || '').trim();
    if (!question) { return; }
    var list = $('messages');
    list.appendChild(el('div', 'msg user', question));
    var pending = el('div', 'msg bot');
    var card = el('div', 'card');
    card.appendChild(el('div', 'meta', t('thinking')));
    pending.appendChild(card);
    list.appendChild(pending);
    pending.scrollIntoView({ block: 'end' });
    $('ask-button').disabled = true;
    api('POST', '/api/ask', { question: question }).then(function (r) {
      list.replaceChild(renderAnswer(r), pending);
    }).catch(function (e) {
      list.replaceChild(renderError(String(e)), pending);
    }).then(function () {
      $('ask-button').disabled = false;
      list.lastChild.scrollIntoView({ block: 'end' });
    });
  }

  function renderError(message) {
    var m = el('div', 'msg bot refused');
    var card = el('div', 'card');
    card.appendChild(el('p', 'answer', t('failed') + message));
    m.appendChild(card);
    return m;
  }

  function renderAnswer(r) {
    var b = r.body;
    var m = el('div', 'msg bot');
    var card = el('div', 'card');
    m.appendChild(card);
    if (r.status === 403) {
      m.classList.add('refused');
      card.appendChild(el('p', 'answer', b.answer || b.message));
      return m;
    }
    if (r.status !== 200) {
      m.classList.add('help');
      var msg = b.answer || (state.lang === 'zh' && b.message_zh) || b.message || ('HTTP ' + r.status);
      card.appendChild(el('p', 'answer', msg));
      return m;
    }
    if (!b.understood) {
      m.classList.add('help');
      card.appendChild(el('p', 'answer', b.answer));
      if (b.options && b.options.length) {
        var ul = el('ul', 'options');
        b.options.forEach(function (o) {
          var li = el('li');
          var btn = el('button', null, o);
          btn.type = 'button';
          btn.addEventListener('click', function () { $('question').value = o; $('question').focus(); });
          li.appendChild(btn);
          ul.appendChild(li);
        });
        card.appendChild(ul);
      }
      return m;
    }
    if (b.kind) {
      card.appendChild(el('p', 'answer', b.answer));
      if (b.tasks && b.tasks.length) {
        var ul = el('ul', 'notes');
        b.tasks.forEach(function (task) { ul.appendChild(taskItem(task)); });
        card.appendChild(ul);
      }
      if (b.chart) {
        var img = el('img', 'chart-png');
        img.src = b.chart;
        img.alt = b.chart_title || '';
        card.appendChild(img);
      }
      return m;
    }
    if (b.value !== null && b.value !== undefined) {
      var f = el('div', 'figure', fmt(b.value, b.unit, b.language) + (b.currency && b.unit === 'money' ? ' ' + b.currency : ''));
      f.setAttribute('data-value', String(b.value));
      card.appendChild(f);
    }
    var hasRows = b.rows && b.rows.length;
    // With a table, the answer's indented row lines would say the same twice.
    var text = hasRows ? b.answer.split('\n').filter(function (l) { return l.indexOf('  ') !== 0; }).join('\n') : b.answer;
    card.appendChild(el('p', 'answer', text));
    if (hasRows) {
      var wrap = el('div', 'table-wrap');
      var table = el('table', 'rows');
      var head = el('tr');
      head.appendChild(el('th', null, t('label')));
      head.appendChild(el('th', 'num', b.metric_label || t('value')));
      table.appendChild(head);
      b.rows.forEach(function (row) {
        var tr = el('tr');
        tr.appendChild(el('td', null, row.label === null ? '(none)' : row.label));
        tr.appendChild(el('td', 'num', fmt(row.value, b.unit, b.language)));
        table.appendChild(tr);
      });
      wrap.appendChild(table);
      card.appendChild(wrap);
    }
    var meta = [];
    if (b.period) { meta.push(t('periodLabel') + ': ' + b.period.name + ' (' + b.period.from + ' – ' + b.period.to + ')'); }
    if (b.scope) { meta.push(t('scope') + ': ' + b.scope); }
    if (b.interpretation) { meta.push(t('readAs') + ': ' + b.interpretation); }
    if (meta.length) { card.appendChild(el('div', 'meta', meta.join(' · '))); }
    if (b.sql && b.sql.length) {
      var d = el('details', 'sql');
      d.appendChild(el('summary', null, t('sql')));
      var text = b.sql.map(function (s, i) {
        var p = b.parameters && b.parameters[i] ? '\n-- parameters: ' + JSON.stringify(b.parameters[i]) : '';
        return s + p;
      }).join('\n\n');
      d.appendChild(el('pre', null, text));
      card.appendChild(d);
    }
    return m;
  }

  // ---------------------------------------------------------------- dashboard
  function chart(id) {
    if (!window.echarts) { return null; }
    var c = state.charts[id];
    if (!c || c.isDisposed()) {
      c = window.echarts.init($(id), null, { renderer: 'canvas' });
      state.charts[id] = c;
    }
    return c;
  }

  function loadDashboard() {
    var period = $('period').value;
    var q = '?period=' + encodeURIComponent(period);
    api('GET', '/api/dashboard/funnel' + q).then(function (r) { if (r.status === 200) { drawFunnel(r.body); } });
    api('GET', '/api/dashboard/bookings-vs-quota' + q).then(function (r) { if (r.status === 200) { drawBvq(r.body); } });
    api('GET', '/api/dashboard/forecast').then(function (r) { if (r.status === 200) { drawForecast(r.body); } });
    api('GET', '/api/dashboard/pipeline-by-stage').then(function (r) { if (r.status === 200) { drawPipeline(r.body); } });
  }

  function scopeText(b) {
    var s = state.lang === 'zh' ? b.scope_zh : b.scope;
    var p = b.period ? (state.lang === 'zh' ? b.period.name_zh : b.period.name) : '';
    $('scope').textContent = [p, s].filter(Boolean).join(' · ');
  }

  function drawFunnel(b) {
    scopeText(b);
    var c = chart('chart-funnel');
    if (!c) { return; }
    var data = b.stages.map(function (s) { return { name: s.label, value: s.value === null ? 0 : Math.round(s.value * 1000) / 10 }; });
    c.setOption({
      tooltip: { trigger: 'item', formatter: '{b}: {c}%' },
      series: [{ type: 'funnel', sort: 'none', left: '5%', width: '90%', minSize: '8%', data: data,
        label: { show: true, position: 'inside', formatter: '{b} {c}%' } }]
    }, true);
  }

  function drawBvq(b) {
    var c = chart('chart-bvq');
    if (!c) { return; }
    var labels = b.rows.map(function (r) { return r.label; });
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('bookings'), t('quota')], top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 30, containLabel: true },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 3 ? 30 : 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: compact } },
      series: [
        { name: t('bookings'), type: 'bar', data: b.rows.map(function (r) { return r.bookings; }) },
        { name: t('quota'), type: 'bar', data: b.rows.map(function (r) { return r.quota; }) }
      ]
    }, true);
  }

  function drawForecast(b) {
    var c = chart('chart-forecast');
    var msg = $('forecast-message');
    if (!b.available) {
      msg.hidden = false;
      msg.textContent = t('noForecast') + (b.message ? ' (' + b.message + ')' : '');
    } else {
      msg.hidden = true;
    }
    if (!c) { return; }
    var labels = b.periods.map(function (p) { return state.lang === 'zh' ? p.name_zh : p.name; });
    c.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('expected'), t('interval')], top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 30, containLabel: true },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', axisLabel: { formatter: compact } },
      series: [
        { name: 'low', type: 'bar', stack: 'band', itemStyle: { color: 'transparent' }, tooltip: { show: false },
          data: b.periods.map(function (p) { return p.low; }) },
        { name: t('interval'), type: 'bar', stack: 'band', itemStyle: { color: 'rgba(47,111,222,0.25)' }, barWidth: '40%',
          data: b.periods.map(function (p) { return p.high - p.low; }) },
        { name: t('expected'), type: 'scatter', symbolSize: 14, itemStyle: { color: '#2f6fde' },
          data: b.periods.map(function (p) { return p.value; }) }
      ]
    }, true);
  }

  function drawPipeline(b) {
    var c = chart('chart-pipeline');
    if (!c) { return; }
    c.setOption({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, bottom: 8, top: 10, containLabel: true },
      xAxis: { type: 'category', data: b.rows.map(function (r) { return r.label; }), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: compact } },
      series: [{ type: 'bar', data: b.rows.map(function (r) { return r.value; }), itemStyle: { color: '#3aa76d' } }]
    }, true);
  }

  // ---------------------------------------------------------------- tasks
  function when(iso) {
    var d = new Date(iso);
    return d.toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB',
      { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  /** The Done and Snooze buttons of a task; what happened replaces them. */
  function taskActions(taskId) {
    var box = el('div', 'task-actions');
    box.setAttribute('data-task', taskId);
    function act(label, cls, path, body, after) {
      var b = el('button', cls, t(label));
      b.type = 'button';
      b.addEventListener('click', function (e) {
        e.stopPropagation();
        api('POST', '/api/tasks/' + encodeURIComponent(taskId) + path, body).then(function (r) {
          box.textContent = '';
          var msg = r.status === 200 ? after(r.body) : (state.lang === 'zh' && r.body.message_zh) || r.body.message;
          box.appendChild(el('span', 'state', msg));
        });
      });
      box.appendChild(b);
    }
    act('done', 'done', '/done', {}, function () { return t('markedDone'); });
    act('snoozeHour', null, '/snooze', { 'for': '1h' }, function (b) { return t('snoozedUntil') + when(b.reminded_again_at); });
    act('snoozeDay', null, '/snooze', { 'for': '1d' }, function (b) { return t('snoozedUntil') + when(b.reminded_again_at); });
    return box;
  }

  function taskItem(task) {
    var li = el('li');
    var head = el('div');
    if (task.overdue) { head.appendChild(el('span', 'overdue-tag', '[' + t('overdue') + '] ')); }
    head.appendChild(el('span', null, task.subject));
    li.appendChild(head);
    var meta = [t('due') + when(task.due_at)];
    if (task.owner) { meta.push(task.owner); }
    if (task.account) { meta.push(task.account); }
    meta.push(task.task_id);
    li.appendChild(el('span', 'when', meta.join(' · ')));
    li.appendChild(taskActions(task.task_id));
    return li;
  }

  function loadTasks() {
    var q = '?scope=' + $('task-scope').value + ($('task-overdue').checked ? '&overdue=true' : '');
    api('GET', '/api/tasks' + q).then(function (r) {
      var list = $('task-list');
      list.textContent = '';
      if (r.status !== 200) {
        $('task-summary').textContent = (state.lang === 'zh' && r.body.message_zh) || r.body.message || ('HTTP ' + r.status);
        return;
      }
      $('task-summary').textContent = r.body.answer ? r.body.answer.split('\n')[0] : '';
      (r.body.tasks || []).forEach(function (task) { list.appendChild(taskItem(task)); });
      if (!(r.body.tasks || []).length) { $('task-summary').textContent = t('noTasks'); }
    });
  }

  // ---------------------------------------------------------------- notifications
  function loadNotifications() {
    api('GET', '/api/notifications').then(function (r) {
      if (r.status !== 200) { return; }
      var list = $('notification-list');
      list.textContent = '';
      (r.body.notifications || []).forEach(function (n) {
        var li = el('li', n.read_at ? null : 'unread');
        li.setAttribute('data-kind', n.kind);
        var kinds = t('kinds');
        li.appendChild(el('span', 'kind ' + n.kind, (kinds && kinds[n.kind]) || n.kind));
        li.appendChild(el('span', 'text', state.lang === 'zh' && n.text_zh ? n.text_zh : n.text));
        li.appendChild(el('span', 'when', when(n.created_at)));
        if (n.link && n.link.indexOf('#task=') === 0) {
          li.appendChild(taskActions(decodeURIComponent(n.link.substring(6))));
        }
        if (!n.read_at) {
          li.addEventListener('click', function () {
            api('POST', '/api/notifications/' + n.id + '/read').then(loadNotifications);
          });
        }
        list.appendChild(li);
      });
      $('no-notifications').hidden = (r.body.notifications || []).length > 0;
      $('unread').hidden = !r.body.unread;
      $('unread').textContent = String(r.body.unread || 0);
    });
  }

  // ---------------------------------------------------------------- start
  function start() {
    document.querySelectorAll('.tab').forEach(function (b) {
      b.addEventListener('click', function () { show(b.getAttribute('data-view')); });
    });
    $('lang-switch').addEventListener('click', function () {
      state.lang = state.lang === 'zh' ? 'en' : 'zh';
      localStorage.setItem('salescope.lang', state.lang);
      applyLanguage();
    });
    $('logout').addEventListener('click', function () {
      localStorage.removeItem('salescope.token');
      state.token = null;
      showLogin(null);
    });
    $('login-form').addEventListener('submit', function (e) {
      e.preventDefault();
      login($('token-input').value.trim());
    });
    $('ask-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var q = $('question').value;
      $('question').value = '';
      ask(q);
    });
    $('question').addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        $('ask-form').requestSubmit();
      }
    });
    $('period').addEventListener('change', loadDashboard);
    $('task-scope').addEventListener('change', loadTasks);
    $('task-overdue').addEventListener('change', loadTasks);
    // New reminders arrive while the page is open: refresh the badge every minute.
    window.setInterval(function () { if (state.me) { loadNotifications(); } }, 60000);
    window.addEventListener('resize', function () {
      Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); });
    });
    applyLanguage();

    var params = new URLSearchParams(window.location.search);
    // A reminder's "Open" button links here with ?task=ID: show the tasks.
    if (params.get('task')) { state.view = 'tasks'; }
    var token = params.get('token');
    if (token) {
      // Keep the token out of the address bar, history and any later Referer.
      params.delete('token');
      var rest = params.toString();
      window.history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : ''));
    } else {
      token = localStorage.getItem('salescope.token');
    }
    if (token) { login(token); } else { showLogin(null); }
  }

  document.addEventListener('DOMContentLoaded', start);
}());

#!/usr/bin/env python3
"""An independent implementation of the reminder rules of docs/reminders.md, used once to
compute dev-plan-2026-07-01.jsonl: the reminders of shared/fixtures/dev-crm from
2026-07-01T00:00:00Z to 2026-07-04T00:00:00Z with the default settings (24 h and 1 h before,
09:00-18:00 Monday-Friday local, overdue for 30 days, one hour between due-soon reminders),
Slack on and nobody found by email. DevFixturePlanTest compares the Java plan view with it.

    python3 dev-plan.py ../../../../../shared/fixtures/dev-crm 2026-07-01T00:00:00+00:00 2026-07-04T00:00:00+00:00
"""
import csv
import json
import sys
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

fixture, start_at, end_at = sys.argv[1], datetime.fromisoformat(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
users = {u['user_id']: u for u in csv.DictReader(open(fixture + '/users.csv', encoding='utf-8'))}


def instant(s):
    if not s:
        return None
    if 'T' not in s:
        return datetime.fromisoformat(s).replace(tzinfo=timezone.utc)
    d = datetime.fromisoformat(s.replace('Z', '+00:00'))
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def day_start(d, z):
    return datetime.combine(d, time(9), z).astimezone(timezone.utc)


def day_end(d, z):
    return datetime.combine(d, time(18), z).astimezone(timezone.utc)


def working(t, z):
    d = t.astimezone(z).date()
    return d.weekday() < 5 and day_start(d, z) <= t <= day_end(d, z)


def next_start_after(t, z):
    d = t.astimezone(z).date() - timedelta(days=1)
    while not (d.weekday() < 5 and day_start(d, z) > t):
        d += timedelta(days=1)
    return day_start(d, z)


def last_end_before(t, z):
    d = t.astimezone(z).date() + timedelta(days=1)
    while not (d.weekday() < 5 and day_end(d, z) < t):
        d -= timedelta(days=1)
    return day_end(d, z)


def delivery_time(nominal, due, created, z):
    if working(nominal, z):
        return nominal
    nxt = next_start_after(nominal, z)
    if nxt < due:
        return nxt
    latest = last_end_before(due, z)
    return latest if created is None or latest >= created else created


def reminders(task, z):
    due, created = instant(task['due_at']), instant(task['created_at'])
    soon = []
    for hours in (24, 1):
        nominal = due - timedelta(hours=hours)
        if created and nominal < created:
            continue
        at = delivery_time(nominal, due, created, z)
        if at < due:
            soon.append((at, -hours, 'due_soon'))
    soon.sort()
    out = [s for i, s in enumerate(soon) if i + 1 == len(soon) or soon[i + 1][0] - s[0] >= timedelta(hours=1)]
    low = created if created and created > due else due
    d = due.astimezone(z).date() - timedelta(days=1)
    while day_start(d, z) <= due + timedelta(days=30):
        if d.weekday() < 5 and day_start(d, z) > low:
            out.append((day_start(d, z), 0, 'overdue'))
        d += timedelta(days=1)
    return out


plan = []
for task in csv.DictReader(open(fixture + '/tasks.csv', encoding='utf-8')):
    owner = users.get(task['owner_id'])
    if task['status'] != 'open' or owner is None or owner['active'] != 'true':
        continue
    zone = ZoneInfo(owner['time_zone'] or 'UTC')
    for at, _, kind in reminders(task, zone):
        if start_at <= at < end_at:
            plan.append((at, task['task_id'], owner['email'], kind, 'slack' if owner['slack_user_id'] else 'web'))
for at, task_id, email, kind, channel in sorted(plan):
    print(json.dumps({'task_id': task_id, 'user_email': email, 'kind': kind,
                      'send_at': at.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'), 'channel': channel},
                     separators=(',', ':')))

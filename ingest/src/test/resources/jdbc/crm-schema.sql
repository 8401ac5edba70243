-- A CRM's own database, as a small in-house or open-source CRM keeps it: snake_case and
-- CamelCase tables side by side, timestamps with time zone, numeric money, soft deletes.
CREATE SCHEMA crm;

CREATE TABLE crm.teams (
    team_id        integer PRIMARY KEY,
    name           text NOT NULL,
    region         text,
    parent_team_id integer REFERENCES crm.teams
);

CREATE TABLE crm.users (
    user_id     bigint PRIMARY KEY,
    full_name   text NOT NULL,
    email       text NOT NULL UNIQUE,
    team_id     integer REFERENCES crm.teams,
    manager_id  bigint REFERENCES crm.users,
    is_active   boolean NOT NULL DEFAULT true,
    time_zone   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE crm.accounts (
    account_id     bigint PRIMARY KEY,
    name           text NOT NULL,
    industry       text,
    employee_count integer,
    country_code   char(2),
    owner_id       bigint REFERENCES crm.users,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    is_deleted     boolean NOT NULL DEFAULT false
);

CREATE TABLE crm.contacts (
    contact_id  bigint PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES crm.accounts,
    first_name  text,
    last_name   text,
    email       text,
    phone       text,
    job_title   text,
    owner_id    bigint REFERENCES crm.users,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    deleted_at  timestamptz
);

CREATE TABLE crm."PipelineStages" (
    "StageName"      text PRIMARY KEY,
    "SortOrder"      integer NOT NULL,
    "WinProbability" numeric(5,2) NOT NULL,
    "IsWon"          boolean NOT NULL,
    "IsClosed"       boolean NOT NULL
);

CREATE TABLE crm."Deals" (
    "DealId"            bigint PRIMARY KEY,
    "AccountId"         bigint NOT NULL REFERENCES crm.accounts,
    "OwnerId"           bigint NOT NULL REFERENCES crm.users,
    "Title"             text NOT NULL,
    "Amount"            numeric(18,2),
    "CurrencyCode"      char(3) NOT NULL,
    "Stage"             text NOT NULL REFERENCES crm."PipelineStages",
    "ExpectedCloseDate" date NOT NULL,
    "ClosedAt"          timestamptz,
    "LostReason"        text,
    "CreatedAt"         timestamptz NOT NULL,
    "UpdatedAt"         timestamptz NOT NULL,
    "IsDeleted"         boolean NOT NULL DEFAULT false
);

-- Append-only: a growing id is its watermark.
CREATE TABLE crm.deal_stage_history (
    history_id  bigserial PRIMARY KEY,
    deal_id     bigint NOT NULL REFERENCES crm."Deals",
    stage       text NOT NULL,
    amount      numeric(18,2),
    changed_at  timestamptz NOT NULL,
    changed_by  bigint REFERENCES crm.users
);

CREATE TABLE crm.activities (
    activity_id      uuid PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'note')),
    owner_id         bigint NOT NULL REFERENCES crm.users,
    account_id       bigint REFERENCES crm.accounts,
    contact_id       bigint REFERENCES crm.contacts,
    deal_id          bigint REFERENCES crm."Deals",
    started_at       timestamptz NOT NULL,
    duration_seconds integer,
    direction        text,
    subject          text,
    updated_at       timestamptz NOT NULL
);

CREATE TABLE crm.tasks (
    task_id      bigint PRIMARY KEY,
    owner_id     bigint NOT NULL REFERENCES crm.users,
    title        text NOT NULL,
    due_at       timestamptz NOT NULL,
    status       text NOT NULL,
    priority     smallint,
    deal_id      bigint REFERENCES crm."Deals",
    created_at   timestamptz NOT NULL,
    completed_at timestamptz,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE crm.fx_rates (
    currency    char(3) NOT NULL,
    usd_per_unit numeric(18,8) NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date,
    PRIMARY KEY (currency, valid_from)
);

INSERT INTO crm.teams VALUES (1, 'Sales', 'Global', NULL), (2, 'Sales DACH', 'EMEA', 1), (3, 'Sales Nordics', 'EMEA', 1);

INSERT INTO crm.users VALUES
  (10, 'Greta Lindqvist', 'greta.lindqvist@fjord-saas.example', 1, NULL, true, 'Europe/Stockholm', '2023-01-02 09:00+01', '2024-01-02 09:00+01'),
  (11, 'Jonas Weber', 'jonas.weber@fjord-saas.example', 2, 10, true, 'Europe/Berlin', '2023-01-02 09:00+01', '2024-01-02 09:00+01'),
  (12, 'Sofie Nielsen', 'sofie.nielsen@fjord-saas.example', 3, 10, true, 'Europe/Copenhagen', '2023-02-01 09:00+01', '2024-01-02 09:00+01');

INSERT INTO crm.accounts
SELECT 100 + g, 'Account ' || g || CASE WHEN g % 7 = 0 THEN ', GmbH' ELSE '' END,
       (ARRAY['Software', 'Retail', 'Logistics'])[1 + g % 3], 50 * g, (ARRAY['DE', 'SE', 'DK'])[1 + g % 3],
       11 + g % 2, timestamptz '2023-06-01 08:00+00' + g * interval '1 day',
       timestamptz '2024-02-01 08:00+00' + g * interval '1 hour', false
FROM generate_series(1, 8) g;

INSERT INTO crm.contacts VALUES
  (1, 101, 'Anna', 'Berg', 'anna.berg@account1.example', '+46 8 555 010 01', 'CEO', 11, '2023-06-02 10:00+00', '2024-02-10 10:00+00', NULL),
  (2, 102, 'Lars', 'Holm', 'lars.holm@account2.example', '+45 55 50 10 02', 'CTO', 12, '2023-06-03 10:00+00', '2024-02-11 10:00+00', NULL),
  (3, 103, 'Eva', 'Koch', 'eva.koch@account3.example', NULL, 'Buyer', 11, '2023-06-04 10:00+00', '2024-02-12 10:00+00', NULL);

INSERT INTO crm."PipelineStages" VALUES
  ('Lead In', 1, 10, false, false), ('Demo', 2, 30, false, false), ('Proposal', 3, 60, false, false),
  ('Won', 4, 100, true, true), ('Lost', 5, 0, false, true);

-- 40 deals; the last change of all of them is 2024-03-05 12:00 UTC (deal 40).
INSERT INTO crm."Deals"
SELECT g, 101 + g % 8, 11 + g % 2, 'Deal ' || g, 1000 * g + 0.5, CASE WHEN g % 4 = 0 THEN 'EUR' ELSE 'SEK' END,
       (ARRAY['Lead In', 'Demo', 'Proposal', 'Won', 'Lost'])[1 + g % 5], date '2024-06-30',
       CASE WHEN g % 5 IN (3, 4) THEN timestamptz '2024-02-20 15:00+00' END,
       CASE WHEN g % 5 = 4 THEN 'Budget' END,
       timestamptz '2024-01-01 09:00+00' + g * interval '1 day',
       timestamptz '2024-03-05 12:00+00' - (40 - g) * interval '1 hour', false
FROM generate_series(1, 40) g;

INSERT INTO crm.deal_stage_history (deal_id, stage, amount, changed_at, changed_by)
SELECT g, 'Lead In', 1000 * g, timestamptz '2024-01-01 09:00+00' + g * interval '1 day', 11 + g % 2
FROM generate_series(1, 40) g;

INSERT INTO crm.activities VALUES
  ('6f1c2d9e-8a61-4c7e-9a52-3b0f6c1d2e01', 'call', 11, 101, 1, 1, '2024-02-12 09:30+01', 900, 'outbound', 'Discovery', '2024-02-12 10:00+01'),
  ('6f1c2d9e-8a61-4c7e-9a52-3b0f6c1d2e02', 'meeting', 12, 102, 2, 2, '2024-02-14 14:00+01', 3600, NULL, 'Demo', '2024-02-14 15:00+01'),
  ('6f1c2d9e-8a61-4c7e-9a52-3b0f6c1d2e03', 'email', 11, 103, 3, 3, '2024-02-15 08:05+01', NULL, 'outbound', 'Proposal v1', '2024-02-15 08:05+01');

INSERT INTO crm.tasks VALUES
  (501, 11, 'Send proposal', '2024-03-08 17:00+01', 'open', 1, 3, '2024-03-01 09:00+01', NULL, '2024-03-01 09:00+01'),
  (502, 12, 'Book demo', '2024-02-10 12:00+01', 'done', 2, 2, '2024-02-01 09:00+01', '2024-02-09 16:00+01', '2024-02-09 16:00+01');

INSERT INTO crm.fx_rates VALUES
  ('SEK', 0.09500000, '2024-01-01', NULL), ('EUR', 1.08000000, '2024-01-01', NULL), ('USD', 1, '2000-01-01', NULL);

-- End-to-end test of the Hindsight Neovim plugin against the real `hindsight lsp` server.
--
-- Run through editors/nvim/test/run.sh, which does:
--   HINDSIGHT_BIN=… timeout 120 nvim --headless -u NONE -i NONE -n -l editors/nvim/test/e2e.lua
--
-- Every check prints `ok - …` or `not ok - …`; the last line is `nvim-e2e: N passed, M failed`
-- and the exit code is non-zero when anything failed.

local uv = vim.uv or vim.loop
local started = uv.hrtime()

local TEST_TIMEOUT_MS = tonumber(os.getenv("HINDSIGHT_E2E_TIMEOUT_MS") or "") or 90000
local WAIT_MS = tonumber(os.getenv("HINDSIGHT_E2E_WAIT_MS") or "") or 15000
local RESULT_PROMPT = "<!-- What result did you achieve?"
local FULL_RESULT_PROMPT =
  "<!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. -->"

-- A brag document whose experience is a list item under a bold title (no headings, no front
-- matter): career notes by its name alone.
local BRAG_LINES = {
  "# Brag document",
  "",
  "## 2025",
  "",
  "- **Retired the nightly export job**",
  "  - Finance re-keyed the same numbers every morning from a CSV. I replaced it with a live view",
  "    and walked the two analysts through it. Month-end close now takes two days instead of five.",
}
-- The same after the missing-lesson quick fix: the lesson, and the hindsight answered with it,
-- become the item's last nested items.
local BRAG_FIXED = vim.list_extend(vim.deepcopy(BRAG_LINES), {
  "  - **Lesson:** <!-- What did you learn? What do you know now that you did not know before? -->",
  "  - **In hindsight:** <!-- Knowing what you know now, what would you do differently, and how would the result change? -->",
})

-- An experience whose result is there but empty: its fix puts the prompt after the label.
local EMPTY_RESULT_LINES = {
  "# Notes",
  "",
  "## Invoice backlog",
  "",
  "**Action:** I sorted the backlog by supplier and cleared the oldest invoices first.",
  "",
  "**Result:** TODO — dig up the numbers",
  "",
  "**Lesson:** Ask finance which suppliers matter before promising dates.",
  "",
  "**In hindsight:** I would have asked for read access on day one; the backlog would have cleared a week sooner.",
}
local EMPTY_RESULT_FIXED = "**Result:** <!-- What result did you achieve? Put a number on it: time, money, users, quality, risk. --> TODO — dig up the numbers"

local README_TEXT = "# Project\n\n## Install\n\nRun `make install`.\n\n## Result\n\nIt works.\n"

local passed, failed = 0, 0

local function out(line)
  io.stdout:write(line, "\n")
  io.stdout:flush()
end

local function check(name, cond, detail)
  if cond then
    passed = passed + 1
    out("ok - " .. name)
  else
    failed = failed + 1
    out("not ok - " .. name .. (detail and ("  (" .. detail .. ")") or ""))
  end
  return cond
end

local function finish()
  -- Stop the servers politely so no process outlives the editor.
  local clients = vim.lsp.get_clients()
  for _, c in ipairs(clients) do
    pcall(function()
      c:stop()
    end)
  end
  vim.wait(3000, function()
    for _, c in ipairs(clients) do
      if not c:is_stopped() then
        return false
      end
    end
    return true
  end, 50)
  local secs = (uv.hrtime() - started) / 1e9
  out(("# %.1fs"):format(secs))
  out(("nvim-e2e: %d passed, %d failed"):format(passed, failed))
  os.exit(failed == 0 and 0 or 1)
end

-- A test-level timeout: never hang, whatever the server does.
local watchdog = uv.new_timer()
watchdog:start(TEST_TIMEOUT_MS, 0, function()
  failed = failed + 1
  out(("not ok - test-level timeout after %d ms"):format(TEST_TIMEOUT_MS))
  out(("nvim-e2e: %d passed, %d failed"):format(passed, failed))
  os.exit(1)
end)

-- Show what the plugin or Neovim tells the user (helps when a check fails).
vim.notify = function(msg, level)
  out(("# notify[%s]: %s"):format(tostring(level), tostring(msg)))
end

-- How many diagnostics the server last gave for each buffer, pushed or pulled (an empty answer
-- for Markdown that is not career notes is an answer too).
local answered = {}
do
  local push = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
    if result and result.uri then
      answered[vim.uri_to_bufnr(result.uri)] = #(result.diagnostics or {})
    end
    return push(err, result, ctx, config)
  end
  local pull = vim.lsp.handlers["textDocument/diagnostic"]
  vim.lsp.handlers["textDocument/diagnostic"] = function(err, result, ctx, config)
    if not err and result and result.kind == "full" and ctx.bufnr then
      answered[ctx.bufnr] = #(result.items or {})
    end
    return pull(err, result, ctx, config)
  end
end

local function read_file(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("*a")
  f:close()
  return s
end

local function write_file(path, text)
  vim.fn.mkdir(vim.fs.dirname(path), "p")
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

local function buf_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
end

local function hindsight_diags(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == "hindsight" then
      table.insert(list, d)
    end
  end
  return list
end

local function find_diag(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      return d
    end
  end
end

local function describe_diags(bufnr)
  local parts = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(
      parts,
      ("%s/%s@%d:%d-%d:%d %q"):format(
        tostring(d.source),
        tostring(d.code),
        d.lnum,
        d.col,
        d.end_lnum or -1,
        d.end_col or -1,
        d.message
      )
    )
  end
  return "[" .. table.concat(parts, "; ") .. "]"
end

local function hint_label(hint)
  local label = hint.label
  if type(label) == "table" then
    local s = {}
    for _, part in ipairs(label) do
      table.insert(s, part.value or "")
    end
    label = table.concat(s)
  end
  return tostring(label)
end

local function count(haystack, needle)
  local n, i = 0, 1
  while true do
    local s, e = haystack:find(needle, i, true)
    if not s then
      return n
    end
    n, i = n + 1, e + 1
  end
end

local function main()
  local script = debug.getinfo(1, "S").source:gsub("^@", "")
  local plugin_dir = vim.fs.dirname(vim.fs.dirname(vim.fn.fnamemodify(script, ":p")))
  local bin = os.getenv("HINDSIGHT_BIN")
  if not bin or bin == "" then
    check("HINDSIGHT_BIN is set", false)
    return
  end
  out("# nvim " .. tostring(vim.version()) .. ", server " .. bin .. ", plugin " .. plugin_dir)

  vim.opt.runtimepath:prepend(plugin_dir)
  vim.cmd("filetype on")

  local workspace = vim.fn.resolve(vim.fn.tempname())
  vim.fn.mkdir(workspace, "p")
  write_file(
    workspace .. "/.hindsight.toml",
    "# Hindsight configuration for the e2e test\ninclude = [\"stories/**/*.md\"]  # more notes\n"
  )

  local notes = workspace .. "/notes.career.md"
  write_file(
    notes,
    "# Notes\n\n## Migrated billing\n\n### Action\n\nI moved the billing jobs to Postgres.\n"
  )

  local hindsight = require("hindsight")
  hindsight.setup({
    cmd = { bin, "lsp" },
    inlay_hints = true,
    settings = { inlay_hints = true, experience_level = "auto", rules = {} },
  })

  check("setup() registers the config with vim.lsp.enable on 0.11", vim.lsp.is_enabled("hindsight"))

  -- 1. the career-notes buffer gets a client, rooted at the folder of .hindsight.toml
  vim.cmd.edit(vim.fn.fnameescape(notes))
  local buf = vim.api.nvim_get_current_buf()
  check("notes.career.md has filetype markdown", vim.bo[buf].filetype == "markdown", vim.bo[buf].filetype)
  local attached = vim.wait(WAIT_MS, function()
    local c = vim.lsp.get_clients({ bufnr = buf, name = "hindsight" })[1]
    return c ~= nil and c.initialized
  end, 20)
  if not check("hindsight client attaches to notes.career.md", attached) then
    return
  end
  local client = vim.lsp.get_clients({ bufnr = buf, name = "hindsight" })[1]
  check(
    "root_dir is the folder holding .hindsight.toml",
    client.config.root_dir and vim.fn.resolve(client.config.root_dir) == workspace,
    tostring(client.config.root_dir)
  )

  -- 2. diagnostics: codes, source and ranges
  local got = vim.wait(WAIT_MS, function()
    return find_diag(buf, "missing-result") ~= nil
  end, 20)
  check("missing-result diagnostic published", got, describe_diags(buf))
  local mr = find_diag(buf, "missing-result")
  if mr then
    check("missing-result has source \"hindsight\"", mr.source == "hindsight", tostring(mr.source))
    check(
      "missing-result range covers the heading text (line 2, cols 3-19)",
      mr.lnum == 2 and (mr.end_lnum or mr.lnum) == 2 and mr.col == 3 and mr.end_col == 19,
      ("%d:%d-%s:%s"):format(mr.lnum, mr.col, tostring(mr.end_lnum), tostring(mr.end_col))
    )
    check(
      "missing-result message names the experience",
      mr.message:find("Migrated billing", 1, true) ~= nil,
      mr.message
    )
    check(
      "missing-result severity is a warning",
      mr.severity == vim.diagnostic.severity.WARN,
      tostring(mr.severity)
    )
  end
  check("missing-lesson diagnostic published", find_diag(buf, "missing-lesson") ~= nil, describe_diags(buf))
  local hclient = vim.lsp.get_clients({ bufnr = buf, name = "hindsight" })[1]
  if hclient then
    local ns_config = vim.diagnostic.config(nil, vim.lsp.diagnostic.get_namespace(hclient.id)) or {}
    check(
      "the Hindsight namespace sorts by severity and shows warnings as virtual text",
      ns_config.severity_sort == true and type(ns_config.virtual_text) == "table",
      vim.inspect(ns_config)
    )
  end
  check("no missing-action (the action is stated)", find_diag(buf, "missing-action") == nil, describe_diags(buf))
  local all_hindsight = #hindsight_diags(buf) == #vim.diagnostic.get(buf)
  check("every diagnostic has source \"hindsight\"", all_hindsight, describe_diags(buf))

  -- 3. inlay hints
  check("inlay hints enabled for the buffer", vim.lsp.inlay_hint.is_enabled({ bufnr = buf }))
  local hints = {}
  vim.wait(WAIT_MS, function()
    hints = vim.lsp.inlay_hint.get({ bufnr = buf })
    return #hints > 0
  end, 20)
  local hint_text, hint_line, hint_padded = nil, nil, nil
  for _, h in ipairs(hints) do
    local label = hint_label(h.inlay_hint)
    if label:find("result", 1, true) then
      hint_text, hint_line = label, h.inlay_hint.position.line
      hint_padded = h.inlay_hint.paddingLeft == true
    end
  end
  check("inlay hint mentions the missing result", hint_text ~= nil, ("%d hints"):format(#hints))
  if hint_text then
    check("inlay hint sits on the experience heading (line 2)", hint_line == 2, tostring(hint_line))
    check("inlay hint has paddingLeft (not glued to the title)", hint_padded)
    out("# inlay hint: " .. hint_text)
  end

  -- 4. quick fix through vim.lsp.buf.code_action, vim.ui.select stubbed
  local offered = {}
  -- The quick fix the vim.ui.select stub picks: the one for `want.code`, linked to that
  -- diagnostic, else a quickfix whose title speaks of `want.word` (not "all" parts, not
  -- "ignore"), else the first item.
  local want = { code = "missing-result", word = "result" }
  vim.ui.select = function(items, _, on_choice)
    local best, best_idx, best_score = nil, nil, 0
    for idx, item in ipairs(items) do
      local a = item.action or item
      local title = tostring(a.title)
      table.insert(offered, title .. " [" .. tostring(a.kind) .. "]")
      local score = 0
      for _, d in ipairs(a.diagnostics or {}) do
        if d.code == want.code then
          score = score + 4
        end
      end
      local lower = title:lower()
      if a.kind == "quickfix" and lower:find(want.word, 1, true) and not lower:find("all", 1, true)
        and not lower:find("ignore", 1, true) then
        score = score + 2
      end
      if a.isPreferred then
        score = score + 1
      end
      if score > best_score then
        best, best_idx, best_score = item, idx, score
      end
    end
    local choice = best or items[1]
    local ca = choice and (choice.action or choice)
    out("# picked: " .. tostring(ca and ca.title))
    on_choice(choice, best_idx or 1)
  end
  vim.api.nvim_win_set_cursor(0, { 3, 4 })
  vim.lsp.buf.code_action()
  local inserted = vim.wait(WAIT_MS, function()
    return buf_text(buf):find(RESULT_PROMPT, 1, true) ~= nil
  end, 20)
  out("# code actions offered: " .. table.concat(offered, " | "))
  check("quick fix inserts the result prompt into the buffer", inserted, buf_text(buf))
  local text = buf_text(buf)
  check("inserted prompt is the full result prompt", text:find(FULL_RESULT_PROMPT, 1, true) ~= nil)
  check(
    "the writer's text is kept",
    text:find("## Migrated billing", 1, true) and text:find("I moved the billing jobs to Postgres.", 1, true)
      and true or false
  )
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local result_heading
  for i, l in ipairs(lines) do
    if l:match("^###%s+Result%s*$") then
      result_heading = i - 1
    end
  end
  check(
    "result part inserted as a ### sub-heading after the action",
    result_heading ~= nil and result_heading > 6,
    text
  )
  local still = vim.wait(WAIT_MS, function()
    local d = find_diag(buf, "missing-result")
    return d ~= nil and d.message:find("still a prompt", 1, true) ~= nil
  end, 20)
  check("missing-result now says \"still a prompt\"", still, describe_diags(buf))
  local d2 = find_diag(buf, "missing-result")
  if d2 and result_heading then
    check("that diagnostic sits on the Result label line", d2.lnum == result_heading, tostring(d2.lnum))
  end

  -- 5. :HindsightFixAll adds the remaining parts without duplicating the result
  vim.cmd("HindsightFixAll")
  local fixed = vim.wait(WAIT_MS, function()
    return buf_text(buf):find("<!-- What did you learn?", 1, true) ~= nil
  end, 20)
  check(":HindsightFixAll inserts the lesson prompt", fixed, buf_text(buf))
  check(
    ":HindsightFixAll does not duplicate the result part",
    count(buf_text(buf), RESULT_PROMPT) == 1,
    tostring(count(buf_text(buf), RESULT_PROMPT))
  )

  -- 6. :HindsightReport shows a Markdown report in a scratch split
  local report_buf
  vim.api.nvim_set_current_buf(buf)
  vim.cmd("HindsightReport")
  vim.wait(WAIT_MS, function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_valid(b) and vim.b[b].hindsight_report then
        report_buf = b
        return true
      end
    end
    return false
  end, 20)
  check(":HindsightReport opens a report buffer", report_buf ~= nil)
  if report_buf then
    check("report buffer has filetype markdown", vim.bo[report_buf].filetype == "markdown")
    check(
      "report buffer is read-only and never asks to be saved",
      vim.bo[report_buf].buftype == "nofile"
        and not vim.bo[report_buf].modifiable
        and vim.bo[report_buf].readonly
        and not vim.bo[report_buf].modified
    )
    check(
      "report contains the experience title",
      buf_text(report_buf):find("Migrated billing", 1, true) ~= nil,
      buf_text(report_buf):sub(1, 400)
    )
    vim.cmd("close")
  end

  -- 6b. :HindsightReport html writes the page and opens it with the system opener
  local opened
  local real_open = vim.ui.open
  vim.ui.open = function(path)
    opened = path
    return nil
  end
  vim.api.nvim_set_current_buf(buf)
  vim.cmd("HindsightReport html")
  vim.wait(WAIT_MS, function()
    return opened ~= nil
  end, 20)
  vim.ui.open = real_open
  check(":HindsightReport html opens a file with the system opener", opened ~= nil)
  if opened then
    local page = table.concat(vim.fn.readfile(opened), "\n")
    check(
      ":HindsightReport html writes the report page",
      page:find("<!doctype html>", 1, true) == 1 and page:find("Migrated billing", 1, true) ~= nil,
      page:sub(1, 200)
    )
  end
  check(
    "the title lens's command is handled by the plugin",
    type(vim.lsp.commands["hindsight.showReport"]) == "function"
  )

  -- 7. a list-item experience in brag.md, without front matter: the server decides it is
  --    career notes by its name, warns on the item's bold title, and the quick fix puts the
  --    lesson inside the item.
  local brag = workspace .. "/brag.md"
  write_file(brag, table.concat(BRAG_LINES, "\n") .. "\n")
  vim.cmd.edit(vim.fn.fnameescape(brag))
  local bbuf = vim.api.nvim_get_current_buf()
  check(
    "brag.md gets the client",
    vim.wait(WAIT_MS, function()
      return #vim.lsp.get_clients({ bufnr = bbuf, name = "hindsight" }) > 0
    end, 20)
  )
  check(
    "brag.md list item: missing-lesson diagnostic published",
    vim.wait(WAIT_MS, function()
      return find_diag(bbuf, "missing-lesson") ~= nil
    end, 20),
    describe_diags(bbuf)
  )
  local ml = find_diag(bbuf, "missing-lesson")
  if ml then
    check(
      "missing-lesson range is the item's bold title (line 4, cols 4-34)",
      ml.lnum == 4 and (ml.end_lnum or ml.lnum) == 4 and ml.col == 4 and ml.end_col == 34,
      ("%d:%d-%s:%s"):format(ml.lnum, ml.col, tostring(ml.end_lnum), tostring(ml.end_col))
    )
    check(
      "missing-lesson message names the item",
      ml.message:find("Retired the nightly export job", 1, true) ~= nil,
      ml.message
    )
  end
  check(
    "brag.md: no missing-result (the item states one)",
    find_diag(bbuf, "missing-result") == nil,
    describe_diags(bbuf)
  )
  want.code, want.word = "missing-lesson", "lesson"
  offered = {}
  vim.api.nvim_win_set_cursor(0, { 5, 6 })
  vim.lsp.buf.code_action()
  local lesson_in = vim.wait(WAIT_MS, function()
    return buf_text(bbuf):find("<!-- What did you learn?", 1, true) ~= nil
  end, 20)
  out("# code actions offered: " .. table.concat(offered, " | "))
  check("brag.md: the quick fix inserts the lesson prompt", lesson_in, buf_text(bbuf))
  local brag_after = vim.api.nvim_buf_get_lines(bbuf, 0, -1, false)
  -- The item ends the document: the server anchors the insertion at the end of its last line
  -- (an edit past the last line end makes Neovim append lines and leave an empty one), so the
  -- lines are exactly these, with no empty line after them.
  check(
    "brag.md: the lesson is a nested list item inside the experience",
    vim.deep_equal(brag_after, BRAG_FIXED),
    "got " .. vim.inspect(brag_after) .. ", expected " .. vim.inspect(BRAG_FIXED)
  )
  check(
    "brag.md: missing-lesson now says \"still a prompt\"",
    vim.wait(WAIT_MS, function()
      local d = find_diag(bbuf, "missing-lesson")
      return d ~= nil and d.message:find("still a prompt", 1, true) ~= nil
    end, 20),
    describe_diags(bbuf)
  )

  -- 7b. an empty result part: the quick fix puts the prompt after its label, keeping the TODO,
  --     and offers nothing more once the prompt is there.
  local empty = workspace .. "/empty-result.career.md"
  write_file(empty, table.concat(EMPTY_RESULT_LINES, "\n") .. "\n")
  vim.cmd.edit(vim.fn.fnameescape(empty))
  local ebuf = vim.api.nvim_get_current_buf()
  check(
    "empty result: missing-result says the part is empty",
    vim.wait(WAIT_MS, function()
      local d = find_diag(ebuf, "missing-result")
      return d ~= nil and d.lnum == 6 and d.message:find("is empty", 1, true) ~= nil
    end, 20),
    describe_diags(ebuf)
  )
  want.code, want.word = "missing-result", "result"
  offered = {}
  vim.api.nvim_win_set_cursor(0, { 7, 2 })
  vim.lsp.buf.code_action()
  local prompt_in = vim.wait(WAIT_MS, function()
    return (vim.api.nvim_buf_get_lines(ebuf, 6, 7, false)[1] or "") == EMPTY_RESULT_FIXED
  end, 20)
  out("# code actions offered: " .. table.concat(offered, " | "))
  check(
    "empty result: the quick fix puts the prompt after the label and keeps the TODO",
    prompt_in,
    vim.api.nvim_buf_get_lines(ebuf, 6, 7, false)[1]
  )
  local _, labels = buf_text(ebuf):gsub("%*%*Result:%*%*", "")
  check("empty result: no second Result label", labels == 1, buf_text(ebuf))
  check(
    "empty result: missing-result now says \"still a prompt\"",
    vim.wait(WAIT_MS, function()
      local d = find_diag(ebuf, "missing-result")
      return d ~= nil and d.message:find("still a prompt", 1, true) ~= nil
    end, 20),
    describe_diags(ebuf)
  )

  -- 8. a plain README.md: the plugin attaches (it attaches to every Markdown buffer), the server
  --    answers with no diagnostics (it is not career notes).
  local readme = workspace .. "/README.md"
  write_file(readme, README_TEXT)
  vim.cmd.edit(vim.fn.fnameescape(readme))
  local rbuf = vim.api.nvim_get_current_buf()
  check("README.md has filetype markdown", vim.bo[rbuf].filetype == "markdown")
  check(
    "plain README.md gets the client attached",
    vim.wait(WAIT_MS, function()
      return #vim.lsp.get_clients({ bufnr = rbuf, name = "hindsight" }) > 0
    end, 20)
  )
  local readme_answer = vim.wait(WAIT_MS, function()
    return answered[rbuf] ~= nil
  end, 20)
  check("the server answers for README.md (diagnostics published or pulled)", readme_answer)
  check(
    "the server gives README.md no diagnostics",
    readme_answer and answered[rbuf] == 0 and #vim.diagnostic.get(rbuf) == 0,
    tostring(answered[rbuf]) .. " " .. describe_diags(rbuf)
  )

  -- 9. front matter and include globs make other Markdown files career notes (for the server)
  local function gets_diagnostics(path, text, what)
    write_file(path, text)
    vim.cmd.edit(vim.fn.fnameescape(path))
    local b = vim.api.nvim_get_current_buf()
    check(
      what,
      vim.wait(WAIT_MS, function()
        return #hindsight_diags(b) > 0
      end, 20),
      ("answered %s %s"):format(tostring(answered[b]), describe_diags(b))
    )
  end
  gets_diagnostics(
    workspace .. "/journal.md",
    "---\ntitle: Journal\nhindsight: yes\n---\n\n# Journal\n\n## Shipped search\n\nAction: I built it.\n",
    "front matter `hindsight: yes` makes journal.md career notes (diagnostics)"
  )
  gets_diagnostics(
    workspace .. "/stories/2023/outage.md",
    "# Outage\n\n## Fixed the outage\n\nAction: I rolled back.\n",
    "include glob from .hindsight.toml makes stories/2023/outage.md career notes (diagnostics)"
  )
  check(
    "one server for the whole workspace",
    #vim.lsp.get_clients({ name = "hindsight" }) == 1,
    tostring(#vim.lsp.get_clients({ name = "hindsight" }))
  )

  -- 10. the Neovim 0.10 code path (FileType autocmd + vim.lsp.start), exercised on this 0.11 by
  --    making the plugin believe it runs on 0.10.
  vim.lsp.enable("hindsight", false)
  vim.wait(WAIT_MS, function()
    return #vim.lsp.get_clients({ name = "hindsight" }) == 0
  end, 20)
  local real_has = vim.fn.has
  vim.fn.has = function(feature)
    if feature == "nvim-0.11" then
      return 0
    end
    return real_has(feature)
  end
  package.loaded["hindsight"] = nil
  local legacy = require("hindsight")
  vim.fn.has = real_has
  legacy.setup({
    cmd = { bin, "lsp" },
    include = { "journal/**/*.md" },
    settings = { rules = { ["missing-lesson"] = "off" } },
  })
  check("0.10 path does not use vim.lsp.enable", not vim.lsp.is_enabled("hindsight"))
  local old = workspace .. "/legacy.career.md"
  write_file(old, "# Notes\n\n## Moved billing\n\n### Action\n\nI moved the billing jobs.\n")
  vim.cmd.edit(vim.fn.fnameescape(old))
  local lbuf = vim.api.nvim_get_current_buf()
  check(
    "0.10 path: vim.lsp.start attaches to a career-notes buffer",
    vim.wait(WAIT_MS, function()
      return #vim.lsp.get_clients({ bufnr = lbuf, name = "hindsight" }) > 0
    end, 20)
  )
  check(
    "0.10 path: missing-result diagnostic published",
    vim.wait(WAIT_MS, function()
      return find_diag(lbuf, "missing-result") ~= nil
    end, 20),
    describe_diags(lbuf)
  )
  check(
    "0.10 path: settings reach the server (missing-lesson turned off)",
    find_diag(lbuf, "missing-lesson") == nil,
    describe_diags(lbuf)
  )
  local legacy_report
  legacy.report(lbuf, function(b)
    legacy_report = b or false
  end)
  vim.wait(WAIT_MS, function()
    return legacy_report ~= nil
  end, 20)
  check(
    "0.10 path: report (client.request) returns the experience title",
    legacy_report and buf_text(legacy_report):find("Moved billing", 1, true) ~= nil or false,
    legacy_report and buf_text(legacy_report):sub(1, 300) or tostring(legacy_report)
  )
  -- setup{ include } joins settings.include, which (like every key of settings) replaces the
  -- include of .hindsight.toml.
  gets_diagnostics(
    workspace .. "/journal/2024.md",
    "# 2024\n\n## Cut costs\n\nAction: I renegotiated the contracts.\n",
    "0.10 path: setup{ include = { \"journal/**/*.md\" } } reaches the server (diagnostics on journal/2024.md)"
  )
  local readme2 = workspace .. "/docs/README.md"
  write_file(readme2, README_TEXT)
  vim.cmd.edit(vim.fn.fnameescape(readme2))
  local r2buf = vim.api.nvim_get_current_buf()
  check(
    "0.10 path: a plain README.md gets the client attached",
    vim.wait(WAIT_MS, function()
      return #vim.lsp.get_clients({ bufnr = r2buf, name = "hindsight" }) > 0
    end, 20)
  )
  check(
    "0.10 path: the server gives README.md no diagnostics",
    vim.wait(WAIT_MS, function()
      return answered[r2buf] ~= nil
    end, 20) and answered[r2buf] == 0 and #vim.diagnostic.get(r2buf) == 0,
    tostring(answered[r2buf]) .. " " .. describe_diags(r2buf)
  )
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  check("test script ran without a Lua error", false, tostring(err))
end
watchdog:stop()
finish()

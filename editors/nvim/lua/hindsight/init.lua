--- Hindsight: career-notes language server integration for Neovim 0.10+.
---
--- Usage:
---   require("hindsight").setup({
---     cmd = { "hindsight", "lsp" },
---     settings = { rules = { ["missing-hindsight"] = "off" } },
---   })
---
--- On Neovim 0.11+ the server is registered with `vim.lsp.config("hindsight", …)` and
--- `vim.lsp.enable("hindsight")`; on 0.10 it is started with `vim.lsp.start()` from a
--- FileType autocmd. Either way it attaches to every Markdown buffer that holds a file (or no
--- file yet), and the server decides which of them are career notes: it publishes nothing for the
--- others.

local M = {}

local NAME = "hindsight"
local FIX_ALL_KIND = "source.fixAll.hindsight"
local REPORT_COMMAND = "hindsight.report"

local has_011 = vim.fn.has("nvim-0.11") == 1

--- Default options. `settings` is sent to the server unchanged (initialization options and
--- the `hindsight` section of `workspace/configuration`); its keys are the ones of
--- `.hindsight.toml`: include, exclude, experience_level, inlay_hints, rules, labels, prompts.
M.defaults = {
  --- Command that starts the language server.
  cmd = { "hindsight", "lsp" },
  --- Filetypes to attach to (the server decides which of those buffers are career notes).
  filetypes = { "markdown" },
  --- Files whose nearest ancestor folder holding one of these is the workspace root.
  root_markers = { ".hindsight.toml", ".git" },
  --- Extra globs of career-notes files, relative to the root: added to `settings.include`, which
  --- the server reads (kept for older configurations; prefer `settings.include`).
  include = {},
  --- Show the server's inlay hints ("result · lesson · hindsight missing") in attached buffers.
  inlay_hints = true,
  --- Create :HindsightReport, :HindsightFixAll, :HindsightRestart and :HindsightInfo.
  commands = true,
  --- Server settings (see above).
  settings = {},
  --- Called as on_attach(client, bufnr) after the plugin's own attach logic.
  on_attach = nil,
  --- Client capabilities (default: Neovim's own).
  capabilities = nil,
}

M.options = nil

-- ---------------------------------------------------------------------------------------------
-- Helpers

local function notify(msg, level)
  vim.notify("hindsight: " .. msg, level or vim.log.levels.INFO)
end

--- Lua tables that are empty encode to `[]`; the server expects objects for maps.
local function as_json_object(t)
  if type(t) ~= "table" or next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

--- Settings as sent to the server: map-valued keys are always JSON objects; the `include` option
--- of setup() joins `settings.include`.
local function server_settings(settings, include)
  local s = vim.deepcopy(settings or {})
  if include and #include > 0 then
    local merged = vim.deepcopy(s.include or {})
    for _, g in ipairs(include) do
      if not vim.tbl_contains(merged, g) then
        table.insert(merged, g)
      end
    end
    s.include = merged
  end
  for _, key in ipairs({ "rules", "labels", "prompts" }) do
    if s[key] ~= nil then
      s[key] = as_json_object(s[key])
    end
  end
  return as_json_object(s)
end

local function normalize(path)
  if not path or path == "" then
    return path
  end
  return vim.fs.normalize(path)
end

--- Nearest ancestor folder of `path` holding one of the root markers, else the file's folder.
local function find_root(path)
  local dir = vim.fs.dirname(path)
  local found = vim.fs.find(M.options.root_markers, { path = dir, upward = true, limit = 1 })
  if found[1] then
    return vim.fs.dirname(found[1])
  end
  return dir
end

--- The workspace root for a buffer, or nil when the plugin does not attach to it (not one of
--- `filetypes`, or not a file buffer: help, scratch and report buffers). Which attached buffers
--- are career notes is the server's decision, not the plugin's.
--- @param bufnr integer
--- @return string?
function M.root_dir(bufnr)
  if vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  if not vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return vim.fn.getcwd()
  end
  return find_root(normalize(name))
end

local warned_missing = false

local function check_executable()
  local cmd = M.options.cmd
  if type(cmd) ~= "table" or vim.fn.executable(cmd[1]) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    notify(
      ("server %q not found. Install it with `cargo install --path .` in the Hindsight repository "
        .. "(or `cargo install hindsight`) or set `cmd` in require('hindsight').setup(); "
        .. "see :checkhealth hindsight"):format(tostring(cmd[1])),
      vim.log.levels.WARN
    )
  end
  return false
end

-- ---------------------------------------------------------------------------------------------
-- Client configuration

--- Diagnostics of the Hindsight client, unless the user configured that namespace: sorted by
--- severity (a missing lesson above a hint on the same line), and the warnings (a missing result
--- or lesson) also as virtual text, since Neovim 0.11 shows none by default.
local function configure_diagnostics(client)
  local ok, ns = pcall(vim.lsp.diagnostic.get_namespace, client.id)
  if not ok or type(ns) ~= "number" then
    return
  end
  local current = vim.diagnostic.config(nil, ns) or {}
  local global = vim.diagnostic.config() or {}
  local config = {}
  if current.severity_sort == nil and not global.severity_sort then
    config.severity_sort = true
  end
  if not global.virtual_text and current.virtual_text == nil then
    config.virtual_text = { severity = { min = vim.diagnostic.severity.WARN }, spacing = 2 }
  end
  if next(config) ~= nil then
    vim.diagnostic.config(config, ns)
  end
end

local function on_attach(client, bufnr)
  -- The lens over the document's title names a client command: it shows the report.
  if vim.lsp.commands and vim.lsp.commands["hindsight.showReport"] == nil then
    vim.lsp.commands["hindsight.showReport"] = function(_, ctx)
      M.report(ctx and ctx.bufnr or nil)
    end
  end
  if M.options.inlay_hints and vim.lsp.inlay_hint then
    pcall(vim.lsp.inlay_hint.enable, true, { bufnr = bufnr })
  end
  configure_diagnostics(client)
  if type(M.options.on_attach) == "function" then
    M.options.on_attach(client, bufnr)
  end
end

--- The client configuration (without root_dir).
local function client_config()
  local o = M.options
  local settings = server_settings(o.settings, o.include)
  return {
    name = NAME,
    cmd = o.cmd,
    filetypes = o.filetypes,
    settings = { [NAME] = settings },
    init_options = settings,
    capabilities = o.capabilities,
    on_attach = on_attach,
    workspace_required = false,
  }
end

--- Start (or reuse) the client for `bufnr` if it is a Markdown file buffer (see root_dir).
--- @param bufnr integer?
--- @return integer? client_id
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local root = M.root_dir(bufnr)
  if not root then
    return nil
  end
  if not check_executable() then
    return nil
  end
  local config
  if has_011 and vim.lsp.is_enabled and vim.lsp.is_enabled(NAME) then
    -- The resolved vim.lsp.config (including the user's '*' defaults), with a fixed root.
    config = vim.deepcopy(vim.lsp.config[NAME])
  else
    config = client_config()
  end
  config.root_dir = root
  return vim.lsp.start(config, { bufnr = bufnr })
end

--- Hindsight clients attached to `bufnr` (or all of them with bufnr = nil).
function M.clients(bufnr)
  return vim.lsp.get_clients({ name = NAME, bufnr = bufnr })
end

local function request(client, method, params, handler, bufnr)
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function client_for(bufnr)
  local client = M.clients(bufnr)[1]
  if not client then
    notify("no Hindsight server attached to this buffer (is it a Markdown file? see :checkhealth hindsight)", vim.log.levels.WARN)
  end
  return client
end

-- ---------------------------------------------------------------------------------------------
-- Commands

--- Turn the server's report result into lines.
local function report_lines(result)
  local text = result
  if type(result) == "table" then
    text = result.markdown or result.value or result.text or vim.inspect(result)
  end
  if type(text) ~= "string" then
    text = tostring(text)
  end
  return vim.split(text:gsub("\r\n", "\n"), "\n", { plain = true })
end

--- Ask the server for the report of `bufnr` (`format`: nil for Markdown, or "html"), then
--- `on_result(result, bufnr)`; on failure, say why and `callback(nil, err)`.
local function request_report(bufnr, format, callback, on_result)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_for(bufnr)
  if not client then
    if callback then
      callback(nil, "no client")
    end
    return
  end
  local arguments = { vim.uri_from_bufnr(bufnr) }
  if format then
    table.insert(arguments, format)
  end
  local params = { command = REPORT_COMMAND, arguments = arguments }
  request(client, "workspace/executeCommand", params, function(err, result)
    if err then
      notify("report failed: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      if callback then
        callback(nil, err)
      end
      return
    end
    on_result(result, bufnr)
  end, bufnr)
end

--- Show the interview-preparation report for a buffer in a new scratch split.
--- @param bufnr integer? buffer (default: current)
--- @param callback fun(report_bufnr: integer?, err: any)? called when done
function M.report(bufnr, callback)
  request_report(bufnr, nil, callback, function(result)
    vim.cmd("botright new")
    local out = vim.api.nvim_get_current_buf()
    vim.bo[out].buftype = "nofile"
    vim.bo[out].bufhidden = "wipe"
    vim.bo[out].swapfile = false
    pcall(vim.api.nvim_buf_set_name, out, "hindsight://report/" .. out)
    vim.api.nvim_buf_set_lines(out, 0, -1, false, report_lines(result))
    vim.bo[out].modified = false
    -- A view of the notes, not a document: nothing to save, nothing to type into.
    vim.bo[out].modifiable = false
    vim.bo[out].readonly = true
    vim.bo[out].filetype = "markdown"
    vim.b[out].hindsight_report = true
    if callback then
      callback(out, nil)
    end
  end)
end

--- Write the report of a buffer as one HTML page (no network; printable) and, unless
--- `opts.open` is false, open it with the system's opener (`vim.ui.open`).
--- @param bufnr integer? buffer (default: current)
--- @param opts { open: boolean? }?
--- @param callback fun(path: string?, err: any)? called when written
function M.report_html(bufnr, opts, callback)
  opts = opts or {}
  request_report(bufnr, "html", callback, function(result, buf)
    if type(result) ~= "string" or result == "" then
      notify("no report: this file is not career notes", vim.log.levels.WARN)
      if callback then
        callback(nil, "not career notes")
      end
      return
    end
    local dir = vim.fn.stdpath("cache") .. "/hindsight"
    vim.fn.mkdir(dir, "p")
    local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ":t:r")
    local path = dir .. "/report-" .. (name ~= "" and name or tostring(buf)) .. ".html"
    local file, open_err = io.open(path, "w")
    if not file then
      notify("cannot write the report: " .. tostring(open_err), vim.log.levels.ERROR)
      if callback then
        callback(nil, open_err)
      end
      return
    end
    file:write(result)
    file:close()
    notify("report written to " .. path, vim.log.levels.INFO)
    if opts.open ~= false and vim.ui and vim.ui.open then
      vim.ui.open(path)
    end
    if callback then
      callback(path, nil)
    end
  end)
end

--- Apply the server's "add all missing parts" fix (code action kind source.fixAll.hindsight)
--- to the current buffer.
function M.fix_all()
  local bufnr = vim.api.nvim_get_current_buf()
  if not client_for(bufnr) then
    return
  end
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source == NAME and d.user_data and d.user_data.lsp then
      table.insert(diagnostics, d.user_data.lsp)
    end
  end
  local last = vim.api.nvim_buf_line_count(bufnr)
  local last_len = #(vim.api.nvim_buf_get_lines(bufnr, last - 1, last, false)[1] or "")
  vim.lsp.buf.code_action({
    context = { only = { FIX_ALL_KIND }, diagnostics = diagnostics },
    range = { start = { 1, 0 }, ["end"] = { last, last_len } },
    filter = function(action)
      return action.kind == FIX_ALL_KIND
    end,
    apply = true,
  })
end

--- Stop the server(s) and start them again for the loaded Markdown buffers.
function M.restart()
  if has_011 then
    vim.lsp.enable(NAME, false)
    vim.lsp.enable(NAME, true)
    return
  end
  local clients = M.clients()
  for _, c in ipairs(clients) do
    c.stop()
  end
  local attempts = 0
  local function again()
    attempts = attempts + 1
    for _, c in ipairs(clients) do
      if not c.is_stopped() and attempts < 50 then
        vim.defer_fn(again, 100)
        return
      end
    end
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) then
        M.attach(b)
      end
    end
  end
  again()
end

local function create_commands()
  local cmd = vim.api.nvim_create_user_command
  cmd("HindsightReport", function(args)
    if args.args == "html" then
      M.report_html()
    else
      M.report()
    end
  end, {
    nargs = "?",
    complete = function()
      return { "html" }
    end,
    desc = "Hindsight: interview-preparation report for this file (html: a page, opened)",
  })
  cmd("HindsightFixAll", function()
    M.fix_all()
  end, { desc = "Hindsight: add all missing parts to every experience in this file" })
  cmd("HindsightRestart", function()
    M.restart()
  end, { desc = "Hindsight: restart the language server" })
  cmd("HindsightInfo", function()
    local bufnr = vim.api.nvim_get_current_buf()
    local attached = #M.clients(bufnr) > 0
    -- Whether the buffer is career notes is the server's call: attached buffers that are not get
    -- no diagnostics (`hindsight check FILE` in a shell says what the server sees).
    print(("hindsight: attached: %s, root: %s, cmd: %s"):format(
      tostring(attached),
      tostring(M.root_dir(bufnr)),
      table.concat(M.options.cmd, " ")
    ))
  end, { desc = "Hindsight: show whether this buffer is attached, and its root" })
end

-- ---------------------------------------------------------------------------------------------
-- Setup

--- @param opts table? see M.defaults
function M.setup(opts)
  opts = opts or {}
  local expected = {
    cmd = "table",
    filetypes = "table",
    root_markers = "table",
    include = "table",
    inlay_hints = "boolean",
    commands = "boolean",
    settings = "table",
    on_attach = "function",
    capabilities = "table",
  }
  for key, kind in pairs(expected) do
    if opts[key] ~= nil and type(opts[key]) ~= kind then
      error(("hindsight.setup: option %q must be a %s, got %s"):format(key, kind, type(opts[key])), 2)
    end
  end
  M.options = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts)
  -- Lists replace the defaults rather than merging index by index.
  for _, key in ipairs({ "cmd", "filetypes", "root_markers", "include" }) do
    if opts[key] then
      M.options[key] = vim.deepcopy(opts[key])
    end
  end

  local group = vim.api.nvim_create_augroup("hindsight", { clear = true })

  if has_011 then
    local config = client_config()
    config.root_dir = function(bufnr, on_dir)
      local root = M.root_dir(bufnr)
      if root and check_executable() then
        on_dir(root)
      end
    end
    vim.lsp.config(NAME, config)
    vim.lsp.enable(NAME)
  else
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = M.options.filetypes,
      callback = function(args)
        M.attach(args.buf)
      end,
    })
    -- Buffers already open when setup() runs.
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) then
        M.attach(b)
      end
    end
  end

  if M.options.commands then
    create_commands()
  end
  return M
end

return M

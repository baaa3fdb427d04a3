-- Neovim 0.11 with only the plugin folder on the runtimepath and no setup() call:
-- vim.lsp.enable("hindsight") finds editors/nvim/lsp/hindsight.lua, starts `hindsight lsp`
-- from PATH, and a career-notes buffer gets its diagnostics. Prints TAP-like lines; exits 1
-- on a failed check.

local failed = 0
local function check(name, cond, detail)
  io.stdout:write((cond and "ok - " or "not ok - ") .. name .. ((not cond and detail) and ("  (" .. detail .. ")") or "") .. "\n")
  if not cond then
    failed = failed + 1
  end
  return cond
end

local script = debug.getinfo(1, "S").source:gsub("^@", "")
local plugin_dir = vim.fs.dirname(vim.fs.dirname(vim.fn.fnamemodify(script, ":p")))
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd("filetype on")

check("hindsight is on PATH", vim.fn.executable("hindsight") == 1, vim.env.PATH)
vim.lsp.enable("hindsight")
check("vim.lsp.enable registered hindsight", vim.lsp.is_enabled("hindsight"))

local dir = vim.fn.resolve(vim.fn.tempname())
vim.fn.mkdir(dir, "p")
local path = dir .. "/notes.career.md"
local file = assert(io.open(path, "w"))
file:write("# Notes\n\n## Billing move\n\n### Action\n\nI moved the invoices to the new ledger.\n")
file:close()
vim.cmd.edit(vim.fn.fnameescape(path))
local buf = vim.api.nvim_get_current_buf()

local attached = vim.wait(20000, function()
  return #vim.lsp.get_clients({ bufnr = buf, name = "hindsight" }) > 0
end, 20)
check("the client attaches to notes.career.md", attached)
local found = vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "missing-result" and d.source == "hindsight" then
      return true
    end
  end
  return false
end, 20)
check("missing-result diagnostic published", found)
local client = vim.lsp.get_clients({ bufnr = buf, name = "hindsight" })[1]
if client then
  check("the config came from lsp/hindsight.lua", client.config.cmd[1] == "hindsight" and client.config.cmd[2] == "lsp")
  client:stop()
end
io.stdout:write(("nvim-enable: %s\n"):format(failed == 0 and "all passed" or (failed .. " failed")))
vim.cmd(failed == 0 and "qa!" or "cq!")

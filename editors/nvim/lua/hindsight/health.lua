-- :checkhealth hindsight
local M = {}

function M.check()
  local health = vim.health
  health.start("hindsight")

  local v = vim.version()
  if vim.fn.has("nvim-0.10") == 1 then
    health.ok(("Neovim %d.%d.%d"):format(v.major, v.minor, v.patch))
  else
    health.error("Neovim 0.10 or newer is required")
  end
  if vim.fn.has("nvim-0.11") == 1 then
    health.info("using vim.lsp.config('hindsight') + vim.lsp.enable('hindsight')")
  else
    health.info("using vim.lsp.start() from a FileType autocmd (Neovim 0.10)")
  end

  local ok, hindsight = pcall(require, "hindsight")
  if not ok or not hindsight.options then
    health.warn("require('hindsight').setup() has not been called", {
      "Call it from your config, or give lazy.nvim an `opts = {}` table",
    })
    return
  end

  local cmd = hindsight.options.cmd
  local exe = type(cmd) == "table" and cmd[1] or nil
  if not exe then
    health.info("cmd is a function: not checked")
  elseif vim.fn.executable(exe) == 0 then
    health.error(("server %q not found or not executable"):format(exe), {
      "Build and install it: `cargo install --path .` in the Hindsight repository",
      "or point setup({ cmd = { '/path/to/hindsight', 'lsp' } }) at the binary",
    })
  else
    local path = vim.fn.exepath(exe)
    local out = vim.fn.system({ path, "--version" })
    if vim.v.shell_error == 0 and vim.trim(out) ~= "" then
      health.ok(("server: %s (%s)"):format(vim.trim(out), path))
    else
      health.warn(("%s --version failed or printed nothing: %s"):format(path, vim.trim(out)), {
        "Is this really the Hindsight server? Try `" .. path .. " --version` in a shell",
      })
    end
  end

  -- :checkhealth runs in its own buffer, so report on every loaded Markdown file instead.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    local name = vim.api.nvim_buf_get_name(bufnr)
    if
      vim.api.nvim_buf_is_loaded(bufnr)
      and name ~= ""
      and vim.bo[bufnr].buftype == ""
      and vim.tbl_contains(hindsight.options.filetypes, vim.bo[bufnr].filetype)
    then
      local short = vim.fn.fnamemodify(name, ":~:.")
      local clients = hindsight.clients(bufnr)
      if #clients > 0 then
        health.ok(("%s: attached (root %s)"):format(short, clients[1].config.root_dir or "?"))
      else
        -- The plugin attaches to every Markdown file; the server decides which are career notes.
        health.warn(("%s: Markdown, but no Hindsight client is attached"):format(short), {
          "Is the server found? (see above)",
          "See :LspLog (or :lua vim.cmd.edit(vim.lsp.get_log_path()))",
        })
      end
    end
  end

  local running = hindsight.clients()
  health.info(("%d Hindsight client(s) running"):format(#running))
  health.info(
    "Which attached files are career notes is the server's decision (*.career.md, brag*.md, "
      .. "front matter `hindsight: true`, `include` globs, …): `hindsight check FILE` shows what it sees"
  )
end

return M

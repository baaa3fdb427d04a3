--- Hindsight for Neovim 0.11's built-in client: with this plugin on the runtimepath,
---
---   vim.lsp.enable("hindsight")
---
--- starts `hindsight lsp` for Markdown buffers (the server decides which are career notes and
--- publishes nothing for the others). Change any field with vim.lsp.config("hindsight", {…}),
--- e.g. `cmd` when the binary is not on PATH, or `settings` (the keys of .hindsight.toml).
--- require("hindsight").setup() does the same and adds commands and inlay hints.
---@type vim.lsp.Config
return {
  cmd = { "hindsight", "lsp" },
  filetypes = { "markdown" },
  root_markers = { ".hindsight.toml", ".git" },
  -- A note outside any project still gets a server (single-file mode).
  workspace_required = false,
  settings = { hindsight = vim.empty_dict() },
  init_options = vim.empty_dict(),
}

//! Everything the server sends on its own initiative goes through one queue, in order, from
//! one task: diagnostics for a version that is no longer current are dropped here, and
//! notification handlers never wait on the client.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::mpsc;
use tower_lsp::Client;
use tower_lsp::lsp_types::{Diagnostic, MessageType, PublishDiagnosticsParams, Url};

use super::backend::{State, lock};

#[derive(Serialize)]
struct Notification<P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: P,
}

pub enum Effect {
    /// `version: None` for clears (a closed document) and config files.
    Publish {
        uri: Url,
        version: Option<i32>,
        diagnostics: Vec<Diagnostic>,
    },
    ShowMessage(MessageType, String),
    InlayHintRefresh,
    DiagnosticRefresh,
}

#[derive(Clone)]
pub struct Outbox {
    tx: mpsc::UnboundedSender<Effect>,
}

impl Outbox {
    pub fn start(
        client: Client,
        state: Arc<Mutex<State>>,
        direct: mpsc::UnboundedSender<Vec<u8>>,
    ) -> Outbox {
        let (tx, mut rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(effect) = rx.recv().await {
                match effect {
                    Effect::Publish {
                        uri,
                        version,
                        diagnostics,
                    } => {
                        if let Some(v) = version {
                            let current = lock(&state).docs.get(&uri).map(|d| d.version);
                            if current != Some(v) {
                                continue; // stale: a newer version's result follows
                            }
                        }
                        // Serialized here from the typed value: tower-lsp would first build a
                        // `serde_json::Value` tree of every diagnostic, the costliest step on a
                        // large note.
                        let params = PublishDiagnosticsParams {
                            uri,
                            diagnostics,
                            version,
                        };
                        let message = Notification {
                            jsonrpc: "2.0",
                            method: "textDocument/publishDiagnostics",
                            params,
                        };
                        if let Ok(body) = serde_json::to_vec(&message) {
                            let _ = direct.send(super::framing::encode(&body));
                        }
                    }
                    Effect::ShowMessage(kind, text) => client.show_message(kind, text).await,
                    // Requests: answered by the client in its own time, never blocking the queue.
                    Effect::InlayHintRefresh => {
                        let client = client.clone();
                        tokio::spawn(async move {
                            let _ = client.inlay_hint_refresh().await;
                        });
                    }
                    Effect::DiagnosticRefresh => {
                        let client = client.clone();
                        tokio::spawn(async move {
                            let _ = client.workspace_diagnostic_refresh().await;
                        });
                    }
                }
            }
        });
        Outbox { tx }
    }

    pub fn send(&self, effect: Effect) {
        let _ = self.tx.send(effect);
    }
}

//! The language server.

pub fn run_stdio() -> i32 {
    eprintln!("hindsight: the language server is not built yet");
    2
}

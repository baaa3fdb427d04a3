fn main() {
    std::process::exit(hindsight::cli::run());
}

//! Tauri commands: thin adapters. Each file holds one command and its plain function.

pub mod app_info;

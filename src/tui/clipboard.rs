//! Copying: OSC 52 carries base64 text to the terminal's clipboard, so it works over SSH and in
//! tmux (with `set-clipboard on`); whether the terminal honours it cannot be known, so the app
//! says "sent". On a local desktop the text also goes to the system clipboard (`arboard`).

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The escape sequence that puts `text` on the system clipboard (`c`).
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))
}

/// Whether a local clipboard may be used: not over SSH (the desktop there is not the
/// partner's), a display present, and not turned off with `UPTAKE_CLIPBOARD=osc52` (the tests
/// set it: they never touch the real clipboard).
pub fn local_allowed(var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    !set("SSH_CONNECTION")
        && !set("SSH_TTY")
        && (set("DISPLAY") || set("WAYLAND_DISPLAY"))
        && var("UPTAKE_CLIPBOARD").as_deref() != Some("osc52")
}

/// The system clipboard of a local desktop, opened on first use; kept open for the session
/// (on X11 the text lives as long as its owner).
#[derive(Default)]
pub struct Local {
    allowed: bool,
    clipboard: Option<arboard::Clipboard>,
}

impl Local {
    /// A clipboard that is used when `allowed` ([`local_allowed`] for the environment).
    pub fn new(allowed: bool) -> Self {
        Self {
            allowed,
            clipboard: None,
        }
    }

    /// Puts `text` on the local clipboard; false when there is none or it failed (quietly:
    /// OSC 52 was sent anyway).
    pub fn set(&mut self, text: &str) -> bool {
        if !self.allowed {
            return false;
        }
        if self.clipboard.is_none() {
            self.clipboard = arboard::Clipboard::new().ok();
        }
        match &mut self.clipboard {
            Some(c) => c.set_text(text).is_ok(),
            None => {
                self.allowed = false;
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        assert_eq!(base64("Müller 臺".as_bytes()), "TcO8bGxlciDoh7o=");
    }

    #[test]
    fn a_local_clipboard_only_on_a_local_desktop_and_never_when_turned_off() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(local_allowed(env(&[("DISPLAY", ":0")])));
        assert!(local_allowed(env(&[("WAYLAND_DISPLAY", "wayland-0")])));
        assert!(!local_allowed(env(&[])), "no display");
        assert!(!local_allowed(env(&[
            ("DISPLAY", ":0"),
            ("SSH_TTY", "/dev/pts/1")
        ])));
        assert!(!local_allowed(env(&[
            ("DISPLAY", ":0"),
            ("SSH_CONNECTION", "1 2 3 4")
        ])));
        assert!(!local_allowed(env(&[
            ("DISPLAY", ":0"),
            ("UPTAKE_CLIPBOARD", "osc52")
        ])));
    }

    #[test]
    fn osc52_wraps_the_base64_text() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
    }
}

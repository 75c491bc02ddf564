//! What a method says about media upload and download.

use crate::parse::RestMethod;

#[derive(Debug, Clone, Default)]
pub struct Media {
    pub upload: bool,
    pub download: bool,
    pub accept: Vec<String>,
    pub max_size: Option<String>,
    pub max_size_bytes: Option<u64>,
    pub simple_path: Option<String>,
    pub resumable_path: Option<String>,
}

/// The media metadata of `method`; `None` when it has none.
pub fn media(method: &RestMethod) -> Option<Media> {
    if !method.supports_media_upload
        && !method.supports_media_download
        && method.media_upload.is_none()
    {
        return None;
    }
    let upload = method.media_upload.clone().unwrap_or_default();
    Some(Media {
        upload: method.supports_media_upload || method.media_upload.is_some(),
        download: method.supports_media_download,
        accept: upload.accept,
        max_size_bytes: upload.max_size.as_deref().and_then(size_in_bytes),
        max_size: upload.max_size,
        simple_path: upload.protocols.get("simple").map(|p| p.path.clone()),
        resumable_path: upload.protocols.get("resumable").map(|p| p.path.clone()),
    })
}

/// `10MB` → 10 × 1024²; `None` for sizes in another form.
fn size_in_bytes(size: &str) -> Option<u64> {
    let digits = size.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let shift = match &size[digits.len()..] {
        "" | "B" => 0,
        "KB" => 10,
        "MB" => 20,
        "GB" => 30,
        "TB" => 40,
        _ => return None,
    };
    digits.parse::<u64>().ok()?.checked_mul(1 << shift)
}

#[cfg(test)]
mod tests {
    use super::size_in_bytes;

    #[test]
    fn sizes_in_binary_multiples() {
        assert_eq!(size_in_bytes("10MB"), Some(10 << 20));
        assert_eq!(size_in_bytes("512"), Some(512));
        assert_eq!(size_in_bytes("1KB"), Some(1024));
        assert_eq!(size_in_bytes("5PB"), None);
        assert_eq!(size_in_bytes("99999999999TB"), None);
    }
}

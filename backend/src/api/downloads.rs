//! How a file download reads in the spec: the answer's bytes, of the media type it names.

/// A file (XLSX, ZIP): bytes, not JSON.
#[derive(Debug, utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[expect(
    dead_code,
    reason = "only its schema is used: handlers answer with the bytes themselves"
)]
pub struct BinaryFile(Vec<u8>);

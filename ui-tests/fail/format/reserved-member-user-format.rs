use errbook::format::ExtraMembers;
use errbook::{ApiError, Context, Format};
use serde::ser::{SerializeMap, Serializer};

#[derive(Clone, Copy, Debug, Default)]
struct Flat;

impl Format for Flat {
    const RESERVED: &'static [&'static str] = &["status", "error_code", "message"];

    fn serialize<E, S>(
        &self,
        error: &E,
        _context: &Context<'_>,
        serializer: S,
    ) -> Result<S::Ok, S::Error>
    where
        E: ApiError + ?Sized,
        S: Serializer,
    {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", "error")?;
        map.serialize_entry("error_code", &error.code())?;
        ExtraMembers::new(error, Self::RESERVED).write(&mut map)?;
        map.end()
    }
}

#[derive(Debug, ApiError)]
#[api(format = Flat)]
enum UserError {
    #[api(status = 502)]
    Upstream {
        #[api(field)]
        status: u16,
    },
}

fn main() {}

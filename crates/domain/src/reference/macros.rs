//! The macros that declare the enumerations: each enumeration is written once, with its codes
//! and labels, and everything else is generated from that.

/// Declares the enumerations of one register and registers them, in order, in the module's
/// `LISTS` (which `registrations` reads).
///
/// ```text
/// enumerations! {
///     /// Doc of the enum.
///     pub enum Name {
///         list: "names",
///         schema: "Name",
///         description: "One English sentence.",
///         values: {
///             /// Optional further doc of the variant.
///             Variant = "code" { nl: "…", fr: "…", en: "…" },
///         }
///     }
/// }
/// ```
macro_rules! enumerations {
    ($(
        $(#[$meta:meta])*
        pub enum $name:ident { $($body:tt)* }
    )*) => {
        $(
            enumeration! {
                $(#[$meta])*
                pub enum $name { $($body)* }
            }
        )*

        /// The enumerations of this register, in declaration order.
        pub(super) const LISTS: &[$crate::reference::Registration] = &[$(
            $crate::reference::Registration {
                name: <$name as $crate::reference::Enumeration>::LIST,
                codes: $name::CODES,
                build: $crate::reference::list_of::<$name>,
            },
        )*];
    };
}

/// Declares one enumeration (see `enumerations!`, which also registers it).
macro_rules! enumeration {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            list: $list:literal,
            schema: $schema:literal,
            description: $description:literal,
            values: {$(
                $(#[$vmeta:meta])*
                $variant:ident = $code:literal {
                    nl: $nl:literal,
                    fr: $fr:literal,
                    en: $en:literal $(,)?
                }
            ),+ $(,)?} $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {$(
            #[doc = concat!("`", $code, "`: ", $en, ".")]
            $(#[$vmeta])*
            $variant,
        )+}

        impl $name {
            /// Every code of the list, in order.
            pub const CODES: &'static [&'static str] = &[$($code),+];
        }

        impl $crate::reference::Enumeration for $name {
            const LIST: &'static str = $list;
            const SCHEMA_NAME: &'static str = $schema;
            const DESCRIPTION: &'static str = $description;
            const ALL: &'static [Self] = &[$(Self::$variant),+];

            fn code(self) -> &'static str {
                match self {$(Self::$variant => $code,)+}
            }

            fn labels(self) -> $crate::reference::Labels {
                match self {$(
                    Self::$variant => $crate::reference::Labels { nl: $nl, fr: $fr, en: $en },
                )+}
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::reference::Enumeration::code(*self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::reference::UnknownCode;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                <Self as $crate::reference::Enumeration>::from_code(s).ok_or_else(|| {
                    $crate::reference::UnknownCode { list: $list, code: s.to_owned() }
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::reference::Enumeration::code(*self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct CodeVisitor;

                impl ::serde::de::Visitor<'_> for CodeVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a code of the `", $list, "` list"))
                    }

                    fn visit_str<E: ::serde::de::Error>(
                        self,
                        v: &str,
                    ) -> ::std::result::Result<$name, E> {
                        <$name as $crate::reference::Enumeration>::from_code(v)
                            .ok_or_else(|| E::unknown_variant(v, $name::CODES))
                    }
                }

                deserializer.deserialize_str(CodeVisitor)
            }
        }
    };
}

# syntax=docker/dockerfile:1
# Builds the madoguchi server and SPA into a small runtime image.

FROM rust:1.95-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# build-spa installs the wasm32 target, wasm-bindgen-cli and binaryen itself.
RUN cargo xtask build-spa \
 && cargo build --release --locked --package madoguchi-backend --bin madoguchi

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app madoguchi
WORKDIR /app
COPY --from=build /src/target/release/madoguchi /usr/local/bin/madoguchi
COPY --from=build /src/frontend/dist /app/dist
COPY --from=build /src/docs/manual /app/manual
USER madoguchi
ENV MADOGUCHI_ENV=production \
    MADOGUCHI_BIND=0.0.0.0:8080 \
    MADOGUCHI_STATIC_DIR=/app/dist \
    MADOGUCHI_MANUAL_DIR=/app/manual \
    RUST_LOG=info,sqlx=warn,sea_orm=warn
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["madoguchi"]
CMD ["serve"]

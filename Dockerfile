# syntax=docker/dockerfile:1
# berth as a container: `berth controller` by default (the GitOps loop, HTTP on :8080).
# Build:  docker build -t berth .
# Run:    docker run --rm -p 8080:8080 -e BERTH_REPO_URL=https://github.com/acme/jobs.git \
#           -e BERTH_WEBHOOK_SECRET=... -e AWS_REGION=us-east-1 berth
# Steps mirrored without a Docker engine by scripts/docker-steps.sh; linted by scripts/lint-dockerfile.sh.
ARG NODE_VERSION=24.21.0

# 1. Compile TypeScript (validators generated from the schemas first), then bundle it with esbuild
#    as npm publishes it: dist/bundle, a tenth of node_modules' size (docs/performance.md).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/generate-validators.mjs scripts/bundle.mjs ./scripts/
COPY schemas ./schemas
COPY src ./src
RUN npm run build && npm run bundle

# 2. Production dependencies only (what the bundle leaves external: ajv), in a clean tree.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime: node, git (simple-git runs the git binary), ssh for ssh:// remotes, tini as
#    PID 1 so git's helper processes are reaped and SIGTERM reaches berth. Packages are pinned to
#    their Debian 12 series (security updates still apply); the CA bundle is dated, so any.
FROM node:${NODE_VERSION}-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends \
    ca-certificates=20* \
    git=1:2.39.* \
    openssh-client=1:9.2p1* \
    tini=0.19.* \
  && rm -rf /var/lib/apt/lists/* \
  && mkdir -p /var/lib/berth \
  && chown node:node /var/lib/berth
WORKDIR /app
# The heap is sized from the container's memory limit by scripts/container-start.sh: three
# quarters of (limit - 64 MiB), e.g. 336 MB of old space in 512 MiB, 720 MB in 1 GiB. The
# controller keeps ~40 MB live per 1,000 jobs (src/config/memory.ts); a repository too big for
# its heap stops at start with an error naming the limit to raise (docs/performance.md). A small
# young generation keeps RSS close to what is live. NODE_OPTIONS=--max-old-space-size=N overrides.
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=2" \
    BERTH_WORKDIR=/var/lib/berth/git \
    BERTH_LISTEN=0.0.0.0:8080
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist/bundle ./dist/bundle
COPY --chown=root:root package.json ./
COPY --chown=root:root schemas ./schemas
COPY --chown=root:root scripts/container-start.sh ./scripts/container-start.sh
# The image's unprivileged "node" user, by number so hosts need not resolve it; the code
# is root-owned and read-only to it.
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const p=(process.env.BERTH_LISTEN||'8080').split(':').pop();fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "/app/scripts/container-start.sh"]
CMD ["controller"]

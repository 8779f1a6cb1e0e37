#!/usr/bin/env bash
# Long fuzz runs of every decoder (not part of ./test.sh, which runs 20 000 inputs each).
# Usage: tests/scripts/fuzz.sh [iterations]   (default 1 000 000 per decoder; ~10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-1000000}
echo "== BLE GATT: $N inputs per decoder, strict and lenient"
dotnet run -c Release --project bench/Iomt.Benchmarks -- fuzz gatt --inputs "$N"
echo "== HL7 ER7 parser, PCD-01 mapper, ACK builder and MLLP frame reader; FHIR Observation/Bundle; vendor JSON"
IOMT_FUZZ_ITERATIONS=$N dotnet test tests/Iomt.Protocols.Tests -c Release \
  --filter "FullyQualifiedName~Hl7FuzzTests|FullyQualifiedName~FhirFuzzTests|FullyQualifiedName~VendorJsonFuzzTests"

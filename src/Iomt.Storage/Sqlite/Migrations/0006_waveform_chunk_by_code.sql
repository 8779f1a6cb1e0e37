-- OpenIoMT SQLite schema v6: waveform chunks by code and time, for the devices that recently sent a code
-- (IWaveformStore.GetLatestWaveformStartsAsync: motion runs resumed after a restart).
CREATE INDEX waveform_chunk_by_code ON waveform_chunk (code_system, code, start_time);

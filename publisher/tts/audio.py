"""PCM ⇄ MP3 and loudness: every clip leaves here at −16 LUFS with true peaks under −1 dBTP.

Encoding is lameenc (LAME), decoding miniaudio, loudness pyloudnorm (ITU-R BS.1770). The true-peak
meter and the limiter are ours: none of those libraries limits, and podcast apps play a file at
whatever level it is.
"""

from __future__ import annotations

from functools import cache

import lameenc
import miniaudio
import numpy as np
import pyloudnorm
from scipy.ndimage import maximum_filter1d, minimum_filter1d, uniform_filter1d
from scipy.signal import firwin

from publisher.tts import BITRATE_KBPS, SAMPLE_RATE, TARGET_LUFS, TRUE_PEAK_CEILING_DBTP

#: MP3 at 48 kbit/s takes about 0.45 LU off speech (measured on both offline voices), so the PCM is
#: set that much louder; it is limited half a decibel under the ceiling, and the encoded file is
#: checked against the ceiling itself.
_ENCODING_LOSS_LU = 0.45
_LIMITER_CEILING_DBTP = -1.5
#: LAME's "fast" mode: on speech at this bitrate it measured twice as fast as the default (5), with
#: no loss in signal-to-noise ratio.
_LAME_QUALITY = 7

#: True peak: 4× oversampling through a 48-tap interpolation filter, as BS.1770-4 annex 2.
_OVERSAMPLING = 4
_INTERPOLATION_TAPS = 48
_LIMITER_WINDOW_SECONDS = 0.005
_BLOCK = SAMPLE_RATE // 1000
#: pyloudnorm needs at least one 400 ms gating block.
_MIN_MEASURABLE_SECONDS = 0.4
#: Far below hearing (−180 dBFS), added before measuring: silence decaying through the K-weighting
#: filter becomes denormal floats, which make the filter several times slower.
_DENORMAL_GUARD = 1e-9


def decode_mp3(data: bytes) -> bytes:
    """MP3 → 16-bit mono PCM at SAMPLE_RATE."""
    decoded = miniaudio.decode(
        data, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=SAMPLE_RATE
    )
    return decoded.samples.tobytes()


def encode_mp3(pcm: bytes) -> bytes:
    """16-bit mono PCM at SAMPLE_RATE → constant-bitrate MP3, the same bytes for the same PCM."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_out_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(_LAME_QUALITY)
    return bytes(encoder.encode(pcm) + encoder.flush())


def publishable_mp3(pcm: bytes) -> tuple[bytes, float]:
    """PCM → the MP3 a listener gets: at TARGET_LUFS, true peaks under the ceiling after decoding
    (checked, and turned down in the rare case encoding pushed one over); and its seconds of audio."""
    signal = normalize(samples(pcm))
    mp3 = encode_mp3(to_pcm(signal))
    excess = true_peak(samples(decode_mp3(mp3))) - TRUE_PEAK_CEILING_DBTP
    if excess > 0:
        mp3 = encode_mp3(to_pcm(signal * 10 ** (-(excess + 0.1) / 20)))
    return mp3, len(signal) / SAMPLE_RATE


def mp3_duration(mp3: bytes) -> float:
    """Seconds of audio an MP3 decodes to (frames of 576 samples, the encoder's padding included)."""
    return miniaudio.mp3_get_info(mp3).num_frames / SAMPLE_RATE


@cache
def pause_mp3(seconds: float) -> bytes:
    """Silence as MP3 frames, to join between recordings."""
    return encode_mp3(silence(seconds))


def silence(seconds: float) -> bytes:
    return bytes(2 * round(seconds * SAMPLE_RATE))


def samples(pcm: bytes) -> np.ndarray:
    """16-bit PCM → floats in [-1, 1)."""
    return np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0


def to_pcm(signal: np.ndarray) -> bytes:
    return np.clip(np.round(signal * 32768.0), -32768, 32767).astype("<i2").tobytes()


def loudness(signal: np.ndarray) -> float:
    """Integrated loudness in LUFS (BS.1770, pyloudnorm); -inf for silence."""
    if len(signal) < _MIN_MEASURABLE_SECONDS * SAMPLE_RATE:
        signal = np.concatenate([signal, np.zeros(int(_MIN_MEASURABLE_SECONDS * SAMPLE_RATE) - len(signal))])
    guarded = signal.copy()
    guarded[::2] += _DENORMAL_GUARD
    guarded[1::2] -= _DENORMAL_GUARD
    return float(_meter().integrated_loudness(guarded))


def true_peak(signal: np.ndarray) -> float:
    """The true peak in dBTP."""
    floor = float(np.max(np.abs(signal), initial=0.0))
    peak = float(np.max(_peaks(signal, floor), initial=0.0))
    return 20 * np.log10(peak) if peak > 0 else float("-inf")


def normalize(signal: np.ndarray) -> np.ndarray:
    """`signal` at TARGET_LUFS (plus what encoding will take), peaks limited under the ceiling."""
    target = TARGET_LUFS + _ENCODING_LOSS_LU
    measured = loudness(signal)
    if not np.isfinite(measured):
        return signal
    gain_db = target - measured
    # Only peaks the limiter may touch need measuring; allow for the gain growing a little below.
    peaks = _peaks(signal, 10 ** ((_LIMITER_CEILING_DBTP - gain_db - 3) / 20))
    # The limiter takes a little loudness off the peaks; each further pass puts most of it back.
    for _ in range(3):
        gain = 10 ** (gain_db / 20)
        limited = signal * gain * _limiter_gain(peaks * gain)
        gain_db += min(3.0, target - loudness(limited))
    return limited


def _limiter_gain(peaks: np.ndarray) -> np.ndarray:
    """A look-ahead limiter's gain: at each sample the smallest any peak within a few milliseconds
    needs, smoothed, so it is down before a peak arrives and recovers after. The true peaks of a
    signal scale with its gain, so they are measured once and the limiter works on them."""
    ceiling = 10 ** (_LIMITER_CEILING_DBTP / 20)
    needed = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-12))
    # The gain curve is shaped on blocks of a millisecond, a twentieth of the work, then stretched back.
    blocks = -(-len(needed) // _BLOCK)
    padded = np.pad(needed, (0, blocks * _BLOCK - len(needed)), constant_values=1.0)
    per_block = padded.reshape(blocks, _BLOCK).min(axis=1)
    window = max(1, round(_LIMITER_WINDOW_SECONDS * SAMPLE_RATE / _BLOCK))
    smooth = uniform_filter1d(minimum_filter1d(per_block, 2 * window + 1), window)
    return np.minimum(np.repeat(smooth, _BLOCK)[: len(needed)], needed)


def _peaks(signal: np.ndarray, floor: float) -> np.ndarray:
    """Each sample's true peak (the largest magnitude of the 4× interpolated signal around it)
    wherever it can reach `floor`; elsewhere its own magnitude. Interpolating only there keeps the
    meter cheap: an interpolated value is at most the filter's gain times its neighbours' largest."""
    magnitude = np.abs(signal)
    if not len(signal):
        return magnitude
    phases, bound = _interpolation_phases()
    width = phases.shape[0]
    candidates = np.flatnonzero(maximum_filter1d(magnitude, width) * bound >= floor)
    if not len(candidates):
        return magnitude
    padded = np.pad(signal, (width // 2, width - width // 2))
    interpolated = np.abs(padded[candidates[:, None] + np.arange(width)] @ phases).max(axis=1)
    peaks = magnitude.copy()
    peaks[candidates] = np.maximum(magnitude[candidates], interpolated)
    return peaks


@cache
def _interpolation_phases() -> tuple[np.ndarray, float]:
    """The interpolation filter's phases as columns of a matrix, and the largest gain of any one."""
    taps = firwin(_INTERPOLATION_TAPS, 1 / _OVERSAMPLING) * _OVERSAMPLING
    phases = np.stack([taps[phase::_OVERSAMPLING][::-1] for phase in range(_OVERSAMPLING)], axis=1)
    return phases, float(np.abs(phases).sum(axis=0).max())


@cache
def _meter() -> pyloudnorm.Meter:
    return pyloudnorm.Meter(SAMPLE_RATE)

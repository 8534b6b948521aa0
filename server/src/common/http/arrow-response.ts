import { StreamableFile } from '@nestjs/common';

export const arrowStreamType = 'application/vnd.apache.arrow.stream';

/** Wraps an Arrow IPC stream as the response body with its media type. */
export function arrowResponse(ipc: Uint8Array): StreamableFile {
  return new StreamableFile(Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength), {
    type: arrowStreamType,
  });
}

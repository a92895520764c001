#!/usr/bin/python3
"""A TCP relay: listens on 127.0.0.1:LISTEN and pipes every connection to 127.0.0.1:TARGET.

usage: tcprelay.py LISTEN_PORT TARGET_PORT
The lab serves RegionTwo's compute endpoint through it (see README: "Regions"), so that RegionTwo has an
address of its own that can fail on its own, while the Nova behind it is RegionOne's.
"""
import asyncio
import sys


async def pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


async def main(listen, target):
    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))

import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { type ActorRequest, actorOf } from '../../common/http/actor.js';
import { parseInput } from '../../common/http/parse-query.js';
import {
  createSessionSchema,
  type RoleplaySessionDto,
  type SessionPack,
  sessionParamsSchema,
  updateSessionSchema,
} from '../../contracts/roleplay.contract.js';
import { Roles } from '../auth/access.decorator.js';
import { sessionTokenFrom } from '../auth/session-cookie.util.js';
import { RoleplaySessionsService } from './roleplay-sessions.service.js';
import { sessionCsv } from './session-csv.util.js';
import { SessionPdfService } from './session-pdf.service.js';

/** The parts of an Express request and response the exports use. */
interface ExportRequest extends ActorRequest {
  headers: Record<string, string | string[] | undefined>;
  socket: { localAddress?: string; localPort?: number };
}
interface FileResponse {
  setHeader(name: string, value: string): void;
  send(body: string | Buffer): void;
}

/** Safe file name from a session title. */
const fileName = (title: string, ext: string) =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'roleplay-session'
  }.${ext}`;

/** Role-play sessions: CRUD, the pack (print page's data), and the CSV and PDF exports. Trainers and admins. */
@Controller('roleplay-sessions')
@Roles('trainer', 'admin')
export class RoleplaySessionsController {
  constructor(
    @Inject(RoleplaySessionsService) private readonly sessions: RoleplaySessionsService,
    @Inject(SessionPdfService) private readonly pdf: SessionPdfService,
  ) {}

  @Get()
  list(): Promise<RoleplaySessionDto[]> {
    return this.sessions.list();
  }

  @Post()
  @HttpCode(201)
  create(@Body() body: unknown, @Req() request: ActorRequest): Promise<RoleplaySessionDto> {
    return this.sessions.create(parseInput(createSessionSchema, body, 'body'), actorOf(request));
  }

  @Get(':id')
  get(@Param() params: unknown): Promise<RoleplaySessionDto> {
    return this.sessions.get(parseInput(sessionParamsSchema, params, 'query').id);
  }

  @Patch(':id')
  update(
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: ActorRequest,
  ): Promise<RoleplaySessionDto> {
    const { id } = parseInput(sessionParamsSchema, params, 'query');
    return this.sessions.update(id, parseInput(updateSessionSchema, body, 'body'), actorOf(request));
  }

  @Delete(':id')
  remove(@Param() params: unknown, @Req() request: ActorRequest): Promise<{ deleted: string }> {
    return this.sessions.remove(parseInput(sessionParamsSchema, params, 'query').id, actorOf(request));
  }

  @Get(':id/pack')
  pack(@Param() params: unknown): Promise<SessionPack> {
    return this.sessions.pack(parseInput(sessionParamsSchema, params, 'query').id);
  }

  @Get(':id/export.csv')
  async csv(@Param() params: unknown, @Res() response: FileResponse): Promise<void> {
    const pack = await this.sessions.pack(parseInput(sessionParamsSchema, params, 'query').id);
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader(
      'content-disposition',
      `attachment; filename="${fileName(pack.session.title, 'csv')}"`,
    );
    response.send(sessionCsv(pack));
  }

  @Get(':id/export.pdf')
  async exportPdf(
    @Param() params: unknown,
    @Req() request: ExportRequest,
    @Res() response: FileResponse,
  ): Promise<void> {
    const session = await this.sessions.get(parseInput(sessionParamsSchema, params, 'query').id);
    // This server, as it listens: the print page is the dashboard's, served by this process.
    const host = request.socket.localAddress?.includes(':')
      ? `[${request.socket.localAddress}]`
      : (request.socket.localAddress ?? '127.0.0.1');
    const bytes = await this.pdf.print(
      `http://${host}:${request.socket.localPort}`,
      session.id,
      sessionTokenFrom(request.headers.cookie),
    );
    response.setHeader('content-type', 'application/pdf');
    response.setHeader('content-disposition', `attachment; filename="${fileName(session.title, 'pdf')}"`);
    response.send(bytes);
  }
}

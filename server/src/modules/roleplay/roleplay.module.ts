import { Module } from '@nestjs/common';
import { RoleplayController } from './roleplay.controller.js';
import { RoleplayService } from './roleplay.service.js';
import { RoleplaySessionsController } from './roleplay-sessions.controller.js';
import { RoleplaySessionsService } from './roleplay-sessions.service.js';
import { SessionPdfService } from './session-pdf.service.js';

/** Role-play: finding calls that teach, sessions built from them, and their print, PDF and CSV packs. */
@Module({
  controllers: [RoleplayController, RoleplaySessionsController],
  providers: [RoleplayService, RoleplaySessionsService, SessionPdfService],
})
export class RoleplayModule {}
